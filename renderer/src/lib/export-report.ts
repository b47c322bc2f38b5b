/**
 * What an export wrote, in a sentence a person reads at a glance. Pure, so
 * the wording is unit-tested.
 */
import type { ExportModelReport, ExportReport, SheetReport } from '../../../preload/contract';
import { isAbsolutePath } from './export-request';
import { countOf, formatBytes, formatSeconds } from './formatting';

/** A ZIP's files are its entries, named relative to the archive; a folder's are absolute paths. */
export function wroteZip(report: ExportReport): boolean {
  const first = report.files[0] ?? report.skipped[0];
  return first ? !isAbsolutePath(first.path) : /\.zip$/i.test(report.destination);
}

/** "Wrote 12 images (3.4 MB) to /home/ana/out in 1.2 s; skipped 2 that existed." */
export function exportReportLine(report: ExportReport): string {
  const images = countOf(report.files.length, 'image');
  const where = wroteZip(report) ? `into the ZIP ${report.destination}` : `to ${report.destination}`;
  const skipped = report.skipped.length > 0 ? `; skipped ${countOf(report.skipped.length, 'file')} that existed` : '';
  if (report.cancelled) {
    if (wroteZip(report)) return 'Cancelled: the ZIP was not written.';
    return `Cancelled after ${images} (${formatBytes(report.bytes)}); the complete ones are kept ${where}${skipped}.`;
  }
  if (report.files.length === 0) return `Nothing was written${skipped}.`;
  return `Wrote ${images} (${formatBytes(report.bytes)}) ${where} in ${formatSeconds(report.seconds)}${skipped}.`;
}

/** "Wrote /home/ana/sheet.png: 4 × 3 cells, 1024 × 768 px, 1.2 MB, in 0.8 s." */
export function sheetReportLine(report: SheetReport): string {
  return `Wrote ${report.path}: ${countOf(report.count, 'image')} in ${report.columns} × ${report.rows} cells, ${report.width} × ${report.height} px, ${formatBytes(report.bytes)}, in ${formatSeconds(report.seconds)}.`;
}

/** "Wrote the bundle to /home/ana/model: 3 files, 1.4 MB, in 2.1 s." */
export function modelReportLine(report: ExportModelReport): string {
  const precision = report.precision === 'float16' ? ' with float16 weights' : '';
  return `Wrote the bundle to ${report.folder}: ${countOf(report.files.length, 'file')}, ${formatBytes(report.bytes)}${precision}, in ${formatSeconds(report.seconds)}.`;
}
