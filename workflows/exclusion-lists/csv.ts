// A streaming CSV reader (RFC 4180: fields separated by commas, records by CRLF or LF, fields in
// double quotes may hold commas, line breaks and doubled quotes), for the exclusion list files.
// No CSV library is among the project's dependencies, and the format needs no more than this.
import { badUserInput } from '../../platform/errors.ts';

export interface CsvRecord {
  fields: string[];
  /** The line the record starts on (1 is the header). */
  line: number;
}

/** The records of `chunks` (text or bytes, UTF-8), one at a time; a blank line is skipped. */
export async function* readCsv(chunks: AsyncIterable<string | Uint8Array>, source = 'the file'): AsyncGenerator<CsvRecord, void, undefined> {
  const decoder = new TextDecoder('utf-8');
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  /** After a closing quote: only a separator, a line break or another quote may follow. */
  let afterQuote = false;
  let fieldStarted = false;
  let line = 1;
  let recordLine = 1;
  let first = true;
  /** A CR ended the previous chunk: an LF starting this one belongs to it. */
  let skipLineFeed = false;

  const endField = () => {
    fields.push(field);
    field = '';
    afterQuote = false;
    fieldStarted = false;
  };
  const endRecord = (): CsvRecord | null => {
    endField();
    const record = fields.length === 1 && fields[0] === '' ? null : { fields, line: recordLine };
    fields = [];
    return record;
  };

  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      if (text.length > 0) first = false;
    }
    let start = 0; // the start of a run of plain characters, copied in one slice
    for (let i = 0; i < text.length; i += 1) {
      const char = text.charCodeAt(i);
      if (skipLineFeed) {
        skipLineFeed = false;
        if (char === 0x0a) {
          start = i + 1;
          continue;
        }
      }
      if (quoted) {
        if (char === 0x22) {
          field += text.slice(start, i);
          quoted = false;
          afterQuote = true;
          start = i + 1;
        } else if (char === 0x0a) {
          line += 1;
        }
        continue;
      }
      if (char === 0x22) {
        if (afterQuote) {
          // "" inside a quoted field: one quote, and the field goes on
          field += '"';
          quoted = true;
          afterQuote = false;
          start = i + 1;
        } else if (!fieldStarted && text.slice(start, i) === '' && field === '') {
          quoted = true;
          fieldStarted = true;
          start = i + 1;
        } else {
          throw badUserInput(`${source}, line ${line}: a quote inside a field that does not start with one`, { reason: 'CSV_MALFORMED', line });
        }
        continue;
      }
      if (char === 0x2c || char === 0x0a || char === 0x0d) {
        if (!afterQuote) field += text.slice(start, i);
        start = i + 1;
        if (char === 0x2c) {
          endField();
          continue;
        }
        if (char === 0x0d) {
          if (afterQuote || fieldStarted || field !== '' || fields.length > 0) {
            const record = endRecord();
            if (record) yield record;
          }
          // the LF of a CRLF ends nothing more
          if (i + 1 === text.length) skipLineFeed = true;
          else if (text.charCodeAt(i + 1) === 0x0a) {
            i += 1;
            start = i + 1;
          }
          line += 1;
          recordLine = line;
          continue;
        }
        const record = endRecord();
        if (record) yield record;
        line += 1;
        recordLine = line;
        continue;
      }
      if (afterQuote) throw badUserInput(`${source}, line ${line}: text after the closing quote of a field`, { reason: 'CSV_MALFORMED', line });
      fieldStarted = true;
    }
    if (!afterQuote) field += text.slice(start);
  }
  field += decoder.decode();
  if (quoted) throw badUserInput(`${source}: the file ends inside a quoted field (started on line ${recordLine})`, { reason: 'CSV_MALFORMED', line: recordLine });
  if (field !== '' || fields.length > 0 || afterQuote) {
    const record = endRecord();
    if (record) yield record;
  }
}
