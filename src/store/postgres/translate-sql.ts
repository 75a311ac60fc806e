/**
 * The store's statements are written once, in the SQL both engines read. What differs is
 * only how parameters are spelled: SQLite takes `?` and `@name`, Postgres `$1`, `$2`, ...
 * This rewrites the spelling (outside string literals and quoted names) and remembers, for
 * named parameters, which name goes to which position.
 */
export interface TranslatedSql {
  text: string;
  /** For `@name` parameters: the name bound at each position. Empty for `?` parameters. */
  names: string[];
  /** How many positional `?` the statement has. */
  positional: number;
}

export function translateSql(sql: string): TranslatedSql {
  let text = '';
  const names: string[] = [];
  let positional = 0;
  let i = 0;
  while (i < sql.length) {
    const c = sql[i] as string;
    if (c === "'" || c === '"') {
      const end = closingQuote(sql, i, c);
      text += sql.slice(i, end);
      i = end;
    } else if (c === '-' && sql[i + 1] === '-') {
      const end = sql.indexOf('\n', i);
      i = end === -1 ? sql.length : end;
    } else if (c === '?') {
      positional += 1;
      text += `$${positional}`;
      i += 1;
    } else if (c === '@' && /[A-Za-z_]/.test(sql[i + 1] ?? '')) {
      const match = /^@([A-Za-z_][A-Za-z0-9_]*)/.exec(sql.slice(i)) as RegExpExecArray;
      const name = match[1] as string;
      let at = names.indexOf(name);
      if (at === -1) at = names.push(name) - 1;
      text += `$${at + 1}`;
      i += match[0].length;
    } else {
      text += c;
      i += 1;
    }
  }
  if (positional > 0 && names.length > 0) throw new Error(`a statement mixes ? and @name parameters: ${sql}`);
  return { text, names, positional };
}

/** Index just past the quote that closes the one at `start` ('' and "" are escaped quotes). */
function closingQuote(sql: string, start: number, quote: string): number {
  let i = start + 1;
  while (i < sql.length) {
    if (sql[i] === quote) {
      if (sql[i + 1] === quote) i += 2;
      else return i + 1;
    } else i += 1;
  }
  return sql.length;
}
