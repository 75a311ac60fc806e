import { describe, expect, it } from 'vitest';
import { translateSql } from '../../../src/store/postgres/translate-sql.js';

describe('translateSql: one statement, both engines', () => {
  it('numbers positional parameters in order', () => {
    expect(translateSql('SELECT * FROM t WHERE a = ? AND b <= ? LIMIT ?')).toEqual({ text: 'SELECT * FROM t WHERE a = $1 AND b <= $2 LIMIT $3', names: [], positional: 3 });
  });

  it('gives a repeated @name one position and remembers the order of names', () => {
    const t = translateSql('UPDATE t SET a = @at, b = COALESCE(@ref, b) WHERE id = @id AND c < @at');
    expect(t.text).toBe('UPDATE t SET a = $1, b = COALESCE($2, b) WHERE id = $3 AND c < $1');
    expect(t.names).toEqual(['at', 'ref', 'id']);
  });

  it('leaves ? and @ inside string literals, quoted names and comments alone', () => {
    const t = translateSql(`SELECT 'it''s ? @x', "col?" FROM t -- why? @because\nWHERE a = ?`);
    expect(t.text).toBe(`SELECT 'it''s ? @x', "col?" FROM t \nWHERE a = $1`);
    expect(t.positional).toBe(1);
  });

  it('refuses a statement that mixes both parameter styles', () => {
    expect(() => translateSql('SELECT ? , @a')).toThrow(/mixes/);
  });
});
