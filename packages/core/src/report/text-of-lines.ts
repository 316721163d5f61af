/**
 * Lines as text: each followed by a newline, the text's trailing white space cut to one newline
 * (`lines.join('\n').trimEnd()` and a newline), without holding more than the blank lines that
 * may end it.
 */
export function* textOfLines(lines: Iterable<string>): Generator<string, void, undefined> {
  let last: string | undefined;
  let blanks = '';
  for (const line of lines) {
    if (last !== undefined && line.trim() === '') {
      blanks += `${line}\n`;
      continue;
    }
    if (last !== undefined) yield `${last}\n${blanks}`;
    last = line;
    blanks = '';
  }
  yield `${(last ?? '').trimEnd()}\n`;
}
