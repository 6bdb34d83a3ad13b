/**
 * The transfer-control file of an export (SPEC §4, AAM "Transfer control files"), `<root>.info`:
 *   {"Files":[{"FileName","FileSequenceNumber","FileByteSize","FileLineCount","md5"}],
 *    "Totals":{"FileName","TotalNumberFiles","TotalNumberLines","TotalByteSize"}}
 * Sizes are the bytes of each file as published (compressed when gzip), md5 their hex MD5, line
 * counts the lines inside; totals exclude the .info itself; Totals.FileName is the .info name.
 * Sequence numbers start at 1. Pure.
 */

export interface PublishedFile {
  name: string;
  bytes: number;
  lines: number;
  md5: string;
}

export function infoManifest(infoName: string, files: readonly PublishedFile[]): string {
  return `${JSON.stringify(
    {
      Files: files.map((file, i) => ({
        FileName: file.name,
        FileSequenceNumber: i + 1,
        FileByteSize: file.bytes,
        FileLineCount: file.lines,
        md5: file.md5,
      })),
      Totals: {
        FileName: infoName,
        TotalNumberFiles: files.length,
        TotalNumberLines: files.reduce((sum, f) => sum + f.lines, 0),
        TotalByteSize: files.reduce((sum, f) => sum + f.bytes, 0),
      },
    },
    null,
    2,
  )}\n`;
}
