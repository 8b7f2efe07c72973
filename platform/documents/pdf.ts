// Documents people read outside Credence (a credentialing file for the committee, a post-incident
// review for the affected parties) as PDF, with pdfkit. One layout for all of them: a title, then
// sections of label/value rows, paragraphs or tables. Built from structured values only, so what
// goes in is what a caller already chose to share.
import PDFDocument from 'pdfkit';

export type PdfBlock =
  | { kind: 'rows'; rows: [label: string, value: string][] }
  | { kind: 'paragraph'; text: string }
  | { kind: 'table'; columns: string[]; rows: string[][] };

export interface PdfSection {
  heading: string;
  blocks: PdfBlock[];
}

export interface PdfContent {
  title: string;
  /** One line under the title (who it is about, when it was made). */
  subtitle?: string;
  sections: PdfSection[];
  /** The document's date; also its creation date in the PDF metadata, so the same content gives the same file. */
  createdAt: Date;
}

const MARGIN = 50;

/** Renders the content as a PDF (A4, Helvetica). */
export function renderPdf(content: PdfContent): Promise<Buffer> {
  const document = new PDFDocument({
    size: 'A4', margin: MARGIN, compress: true,
    info: { Title: content.title, Producer: 'Credence', Creator: 'Credence', CreationDate: content.createdAt, ModDate: content.createdAt },
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    document.on('data', (chunk: Buffer) => chunks.push(chunk));
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });
  const width = document.page.width - 2 * MARGIN;

  document.font('Helvetica-Bold').fontSize(18).text(content.title, { width });
  if (content.subtitle) document.moveDown(0.3).font('Helvetica').fontSize(10).fillColor('#444').text(content.subtitle, { width }).fillColor('black');
  for (const section of content.sections) {
    document.moveDown(1).font('Helvetica-Bold').fontSize(13).text(section.heading, { width }).moveDown(0.3);
    for (const block of section.blocks) writeBlock(document, block, width);
  }
  document.end();
  return done;
}

function writeBlock(document: PDFKit.PDFDocument, block: PdfBlock, width: number): void {
  document.fontSize(10);
  if (block.kind === 'paragraph') {
    document.font('Helvetica').text(block.text, { width }).moveDown(0.5);
    return;
  }
  if (block.kind === 'rows') {
    for (const [label, value] of block.rows) {
      document.font('Helvetica-Bold').text(`${label}: `, { continued: true, width }).font('Helvetica').text(value || '—');
    }
    document.moveDown(0.5);
    return;
  }
  // A table as one line per row, its cells separated: readable on any page width, never clipped.
  document.font('Helvetica-Bold').text(block.columns.join('  ·  '), { width });
  document.font('Helvetica');
  for (const row of block.rows) document.text(row.map((cell) => cell || '—').join('  ·  '), { width });
  document.moveDown(0.5);
}
