/**
 * CSV records as instruments write them: comma, semicolon or tab separated,
 * quoted fields that may hold the delimiter, doubled quotes and line breaks,
 * CRLF or LF line ends, a byte-order mark, preamble lines above the header.
 */

/** A record with the 1-based line it starts on, or why it could not be read. */
export type CsvRow = { line: number; fields: string[] } | { line: number; error: string };

export const CSV_DELIMITERS = ["\t", ";", ","] as const;
export type CsvDelimiter = (typeof CSV_DELIMITERS)[number];

/** The text without its byte-order mark. */
export const withoutBom = (text: string) => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** Records with the 1-based line they start on; a quoted field may hold the delimiter, "" and line breaks. */
export function* csvRows(text: string, delimiter: string): Generator<CsvRow> {
  let pos = 0;
  let line = 1;
  while (pos < text.length) {
    let end = text.indexOf("\n", pos);
    if (end < 0) end = text.length;
    const raw = text.slice(pos, text.charCodeAt(end - 1) === 13 && end > pos ? end - 1 : end);
    if (!raw.includes('"')) {
      yield { line, fields: raw.split(delimiter) };
      pos = end + 1;
      line++;
      continue;
    }
    const start = line;
    const fields: string[] = [];
    let i = pos;
    let error: string | null = null;
    for (;;) {
      let j = i;
      while (text[j] === " ") j++;
      let field = "";
      if (text[j] === '"') {
        i = j + 1;
        for (;;) {
          const quote = text.indexOf('"', i);
          if (quote < 0) {
            error = "A quoted field is not closed.";
            i = text.length;
            break;
          }
          const chunk = text.slice(i, quote);
          for (let k = chunk.indexOf("\n"); k >= 0; k = chunk.indexOf("\n", k + 1)) line++;
          field += chunk;
          if (text[quote + 1] !== '"') {
            i = quote + 1;
            break;
          }
          field += '"';
          i = quote + 2;
        }
        while (!error && text[i] === " ") i++;
        if (!error && i < text.length && text[i] !== delimiter && text[i] !== "\n" && text[i] !== "\r") {
          error = `Unexpected ${JSON.stringify(text[i])} after a closing quote.`;
        }
      } else {
        let k = i;
        while (k < text.length && text[k] !== delimiter && text[k] !== "\n" && text[k] !== "\r") k++;
        field = text.slice(i, k);
        i = k;
      }
      if (error) break;
      fields.push(field);
      if (text[i] === delimiter) i++;
      else break;
    }
    if (error) {
      const next = text.indexOf("\n", i);
      i = next < 0 ? text.length : next;
    }
    if (text[i] === "\r") i++;
    if (text[i] === "\n") i++;
    yield error ? { line: start, error } : { line: start, fields };
    pos = i;
    line++;
  }
}

export const isBlank = (fields: string[]) => fields.every((field) => field.trim() === "");

/** The header row: the first of the first 50 lines that names the time column, with the delimiter that splits it into most fields. */
export function findHeader(text: string, timeColumn: string, delimiter?: string) {
  let best: { rows: Generator<CsvRow>; delimiter: string; line: number; names: string[] } | null = null;
  for (const candidate of delimiter ? [delimiter] : CSV_DELIMITERS) {
    const rows = csvRows(text, candidate);
    for (let n = 0; n < 50; n++) {
      const row = rows.next();
      if (row.done) break;
      if (!("fields" in row.value)) continue;
      const names = row.value.fields.map((field) => field.trim());
      if (names.length > 1 && names.includes(timeColumn)) {
        if (!best || names.length > best.names.length) best = { rows, delimiter: candidate, line: row.value.line, names };
        break;
      }
    }
  }
  return best;
}

/** The delimiter that splits one line into most fields (tab, then semicolon, then comma on a tie). */
export function detectDelimiter(line: string): CsvDelimiter {
  const counts = CSV_DELIMITERS.map((delimiter) => [delimiter, line.split(delimiter).length] as const);
  return counts.reduce((best, next) => (next[1] > best[1] ? next : best))[0];
}

/** The trimmed fields of one line (a header, a first data row), with the given or the detected delimiter. */
export function splitCsvLine(line: string, delimiter: string = detectDelimiter(line)): string[] {
  const first = csvRows(withoutBom(line), delimiter).next();
  return !first.done && "fields" in first.value ? first.value.fields.map((field) => field.trim()) : [];
}
