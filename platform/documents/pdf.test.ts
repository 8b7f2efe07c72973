import { describe, expect, it } from '@jest/globals';
import { renderPdf } from './pdf.ts';

const content = {
  title: 'Credentialing file',
  subtitle: 'Dr. Ana Example · made 2026-12-02',
  createdAt: new Date('2026-12-02T10:00:00Z'),
  sections: [
    { heading: 'Credentials', blocks: [
      { kind: 'rows' as const, rows: [['License', 'CA A123456, verified 2026-11-30'] as [string, string]] },
      { kind: 'table' as const, columns: ['source', 'result'], rows: [['STATE_BOARD', 'VERIFIED'], ['NPPES', '']] },
      { kind: 'paragraph' as const, text: 'All checks are within 120 days.' },
    ] },
  ],
};

describe('renderPdf', () => {
  it('writes a PDF document that names its title in the metadata', async () => {
    const pdf = await renderPdf(content);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(pdf.toString('latin1')).toContain('(Credentialing file)');
  });

  it('gives the same file for the same content', async () => {
    const [first, second] = await Promise.all([renderPdf(content), renderPdf(content)]);
    expect(first.equals(second)).toBe(true);
  });
});
