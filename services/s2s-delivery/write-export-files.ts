/**
 * Writes the lines of one export into part files under temporary names in a work directory:
 * optionally gzipped, a new part whenever the next chunk would take the current part past
 * splitSizeBytes (counted on the uncompressed lines, so a gzipped part is never larger), with the
 * MD5, byte size (as written) and line count of each part computed while writing. Chunks arrive as
 * pages of lines and are written with backpressure, so memory holds one page whatever the export
 * size. Nothing here is visible to a partner: publishing renames the parts.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createGzip } from 'node:zlib';

export interface LineChunk {
  text: string;
  lines: number;
}

export interface WrittenPart {
  /** Temporary file name in the work directory. */
  tempName: string;
  bytes: number;
  lines: number;
  md5: string;
}

export interface WriteOptions {
  workDir: string;
  /** Temp names are `<tempPrefix><n>`, e.g. `.segdest-<exportId>-part-`. */
  tempPrefix: string;
  gzip: boolean;
  splitSizeBytes: number | null;
}

class Part {
  readonly hash = createHash('md5');
  bytes = 0;
  lines = 0;
  rawBytes = 0;
  readonly input: Writable;
  readonly done: Promise<void>;

  constructor(
    readonly tempName: string,
    path: string,
    gzip: boolean,
  ) {
    const count = new Transform({
      transform: (chunk: Buffer, _encoding, callback) => {
        this.hash.update(chunk);
        this.bytes += chunk.length;
        callback(null, chunk);
      },
    });
    // 'wx': a temp name is never opened over an existing file (issue 14); 0o640: not world-readable.
    const file = createWriteStream(path, { flags: 'wx', mode: 0o640, highWaterMark: 1 << 20 });
    if (gzip) {
      const zip = createGzip({ level: constants.Z_BEST_SPEED, chunkSize: 1 << 16 });
      this.input = zip;
      this.done = pipeline(zip, count, file);
    } else {
      this.input = count;
      this.done = pipeline(count, file);
    }
    // Errors surface through `done`; avoid an unhandled rejection before it is awaited.
    this.done.catch(() => undefined);
  }

  async write(chunk: LineChunk): Promise<void> {
    this.rawBytes += Buffer.byteLength(chunk.text);
    this.lines += chunk.lines;
    if (!this.input.write(chunk.text)) {
      await Promise.race([new Promise((resolve) => this.input.once('drain', resolve)), this.done]);
    }
  }

  async finish(): Promise<WrittenPart> {
    this.input.end();
    await this.done;
    return { tempName: this.tempName, bytes: this.bytes, lines: this.lines, md5: this.hash.digest('hex') };
  }
}

export async function writeExportFiles(
  chunks: AsyncIterable<LineChunk>,
  options: WriteOptions,
): Promise<WrittenPart[]> {
  const parts: WrittenPart[] = [];
  let current: Part | null = null;
  const open = () => {
    const tempName = `${options.tempPrefix}${parts.length + 1}`;
    return new Part(tempName, join(options.workDir, tempName), options.gzip);
  };
  try {
    for await (const chunk of chunks) {
      if (chunk.lines === 0) continue;
      current ??= open();
      const limit = options.splitSizeBytes;
      if (limit !== null && current.rawBytes + Buffer.byteLength(chunk.text) > limit) {
        // Split between lines only: a page that does not fit is cut at the last line that does.
        for (const piece of splitLines(chunk, limit - current.rawBytes, limit)) {
          if (current.lines > 0 && current.rawBytes + Buffer.byteLength(piece.text) > limit) {
            parts.push(await current.finish());
            current = open();
          }
          await current.write(piece);
        }
        continue;
      }
      await current.write(chunk);
    }
    // An export with no lines still publishes one empty file (and its manifest): "nothing changed".
    current ??= open();
    parts.push(await current.finish());
    return parts;
  } catch (error) {
    await current?.finish().catch(() => undefined);
    throw error;
  }
}

/**
 * Cuts a chunk into pieces of whole lines: the first at most `room` bytes, the others at most
 * `limit` (a single longer line is a piece of its own).
 */
function splitLines(chunk: LineChunk, room: number, limit: number): LineChunk[] {
  const pieces: LineChunk[] = [];
  let text = '';
  let lines = 0;
  let bytes = 0;
  let budget = room;
  for (const line of chunk.text.split(/(?<=\n)/)) {
    const size = Buffer.byteLength(line);
    if (lines > 0 && bytes + size > budget) {
      pieces.push({ text, lines });
      text = '';
      lines = 0;
      bytes = 0;
      budget = limit;
    }
    text += line;
    lines += 1;
    bytes += size;
  }
  if (lines > 0) pieces.push({ text, lines });
  return pieces;
}
