/**
 * The zip layer of the CLI's package writer: read a package's entries, and write a new package in which the entries
 * we do not change are copied as their original compressed bytes (same method, same CRC, never inflated and
 * deflated again), and the ones we change or add are deflated with Node's zlib (streamed for big sheets).
 *
 * Written for .xlsx/.xlsm packages: no encryption, methods STORE (0) and DEFLATE (8), ZIP64 read and written
 * when sizes or offsets need it.
 */
import {
  closeSync,
  createWriteStream,
  fstatSync,
  openSync,
  readSync,
  statSync,
  type WriteStream,
} from "fs";
import { Readable, Transform, Writable } from "stream";
import { pipeline } from "stream/promises";
import * as zlib from "zlib";

export interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  /** Start of the local file header in the archive. */
  localOffset: number;
  /** DOS time and date, kept for copied entries. */
  time: number;
  date: number;
  versionMadeBy: number;
  externalAttrs: number;
  internalAttrs: number;
}

const SIG_LOCAL = 0x04034b50;
const SIG_CENTRAL = 0x02014b50;
const SIG_EOCD = 0x06054b50;
const SIG_ZIP64_EOCD = 0x06064b50;
const SIG_ZIP64_LOCATOR = 0x07064b50;
const SIG_DESCRIPTOR = 0x08074b50;

/** Why a file is not a package we can read, in words for the person at the terminal. */
export class NotAZipError extends Error {}

/** The first bytes of an OLE compound file (old .xls, and Office's encrypted packages). */
const OLE_MAGIC = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);

/**
 * What a file that is not a zip package is, when we can tell: Office saves a password-protected workbook as an
 * OLE compound file holding an "EncryptedPackage" stream (what `file` calls "CDFV2 Encrypted"); an OLE file
 * without it is an Excel 97–2003 .xls workbook.
 */
export function describeNonZip(data: Buffer): string | null {
  if (data.length >= 8 && data.subarray(0, 8).equals(OLE_MAGIC)) {
    const encrypted =
      data.includes(Buffer.from("EncryptedPackage", "utf16le")) ||
      data.includes(Buffer.from("EncryptionInfo", "utf16le"));
    return encrypted
      ? 'it is password-protected (encrypted: an OLE compound file holding an EncryptedPackage, "CDFV2 Encrypted"). Open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password) and save it as .xlsx'
      : "it is an Excel 97–2003 workbook (.xls, an OLE compound file), not .xlsx. Open it in Excel or LibreOffice and save it as .xlsx";
  }
  if (data.length === 0) return "the file is empty";
  return null;
}

/** Bytes of a package: in memory, or read from its file when asked (a big workbook is never held whole). */
interface ByteSource {
  size: number;
  read(pos: number, len: number): Buffer;
}

function bufferSource(data: Buffer): ByteSource {
  return { size: data.length, read: (pos, len) => data.subarray(pos, pos + len) };
}

/**
 * The file, opened for each read; a file that changed since it was opened (size or time) is an error, so a copy
 * never mixes two versions of it.
 */
function fileSource(file: string): ByteSource {
  const st = statSync(file);
  return {
    size: st.size,
    read(pos, len) {
      const fd = openSync(file, "r");
      try {
        const now = fstatSync(fd);
        if (now.size !== st.size || now.mtimeMs !== st.mtimeMs)
          throw new Error(`The file "${file}" changed while it was being read; run again.`);
        const buf = Buffer.allocUnsafe(len);
        let got = 0;
        while (got < len) {
          const n = readSync(fd, buf, got, len - got, pos + got);
          if (n === 0) break;
          got += n;
        }
        return got === len ? buf : buf.subarray(0, got);
      } finally {
        closeSync(fd);
      }
    },
  };
}

/** Slices read from a big entry at a time. */
const SLICE = 1 << 20;

/**
 * How much a package may inflate to, per part and all parts together: 200 times the file's size, at least 32 MB
 * (a small workbook is never stopped) and at most 2 GB. Real workbooks inflate 5 to 30 times; a zip bomb (a 2 MB
 * file whose workbook part inflates to 2 GB) is stopped before it takes the memory.
 */
export function inflateCeiling(fileSize: number): number {
  return Math.min(2 * 1024 ** 3, Math.max(200 * fileSize, 32 * 1024 ** 2));
}

const MB = (n: number) => `${Math.round(n / 1024 ** 2).toLocaleString("en-US")} MB`;

/** Why an entry name cannot be part of a package, or null when it can. */
function unsafeEntryName(name: string): string | null {
  if (name === "" || name.includes("\0")) return "has no usable name";
  if (name.startsWith("/") || name.startsWith("\\") || /^[A-Za-z]:/.test(name))
    return "is named as an absolute path, outside the package";
  if (name.includes("\\")) return "is named with a backslash, which a package part never has";
  if (name.split("/").some((seg) => seg === ".." || seg === "."))
    return 'is named with "." or ".." and points outside the package';
  return null;
}

export class ZipReader {
  readonly entries: ZipEntry[] = [];
  private byName = new Map<string, ZipEntry>();

  /** Bytes inflated so far, each part counted once (see inflateCeiling). */
  private inflated = 0;
  private counted = new Set<string>();
  /** Parts whose whole content was inflated and matched its CRC. */
  private readonly verified = new Set<string>();
  readonly ceiling: number;

  private constructor(private readonly src: ByteSource) {
    this.ceiling = inflateCeiling(src.size);
  }

  /** Reads the zip directory of a file; entries are read from the file when asked. */
  static open(file: string): ZipReader {
    const z = new ZipReader(fileSource(file));
    z.readCentralDirectory();
    return z;
  }

  static fromBuffer(data: Buffer): ZipReader {
    const z = new ZipReader(bufferSource(data));
    z.readCentralDirectory();
    return z;
  }

  private readCentralDirectory(): void {
    const size = this.src.size;
    const head = this.src.read(0, Math.min(size, 8));
    // An OLE file: what it is shows in its directory entries' names.
    const special = describeNonZip(
      head.length === 8 && head.equals(OLE_MAGIC)
        ? this.src.read(0, Math.min(size, 64 << 20))
        : head
    );
    if (special) throw new NotAZipError(special);
    // The end-of-central-directory record is in the last 22 + 65,535 bytes (a ZIP64 locator 20 before it).
    const tailStart = Math.max(0, size - 22 - 65535 - 20);
    const d = this.src.read(tailStart, size - tailStart);
    let eocd = -1;
    for (let i = d.length - 22; i >= 0; i--) {
      if (d.readUInt32LE(i) === SIG_EOCD) {
        eocd = i;
        break;
      }
    }
    if (eocd < 0)
      throw new NotAZipError(
        "it is not a zip package (an .xlsx file is a zip of XML parts; this one has no zip directory, so it is another kind of file or was cut short)"
      );
    let count = d.readUInt16LE(eocd + 10);
    let cdSize = d.readUInt32LE(eocd + 12);
    let cdOffset = d.readUInt32LE(eocd + 16);
    if (count === 0xffff || cdSize === 0xffffffff || cdOffset === 0xffffffff) {
      const loc = eocd - 20;
      if (loc >= 0 && d.readUInt32LE(loc) === SIG_ZIP64_LOCATOR) {
        const z64 = this.src.read(Number(d.readBigUInt64LE(loc + 8)), 56);
        if (z64.length === 56 && z64.readUInt32LE(0) === SIG_ZIP64_EOCD) {
          count = Number(z64.readBigUInt64LE(32));
          cdSize = Number(z64.readBigUInt64LE(40));
          cdOffset = Number(z64.readBigUInt64LE(48));
        }
      }
    }
    if (cdOffset + cdSize > size)
      throw new NotAZipError(
        "its zip directory points past the end of the file (it was cut short)"
      );
    this.readEntries(this.src.read(cdOffset, cdSize), count);
  }

  private readEntries(d: Buffer, count: number): void {
    let p = 0;
    for (let i = 0; i < count; i++) {
      if (d.readUInt32LE(p) !== SIG_CENTRAL) throw new NotAZipError("its zip directory is damaged");
      const nameLen = d.readUInt16LE(p + 28);
      const extraLen = d.readUInt16LE(p + 30);
      const commentLen = d.readUInt16LE(p + 32);
      const flags = d.readUInt16LE(p + 8);
      const e: ZipEntry = {
        versionMadeBy: d.readUInt16LE(p + 4),
        flags,
        method: d.readUInt16LE(p + 10),
        time: d.readUInt16LE(p + 12),
        date: d.readUInt16LE(p + 14),
        crc: d.readUInt32LE(p + 16),
        compressedSize: d.readUInt32LE(p + 20),
        size: d.readUInt32LE(p + 24),
        internalAttrs: d.readUInt16LE(p + 36),
        externalAttrs: d.readUInt32LE(p + 38),
        localOffset: d.readUInt32LE(p + 42),
        name: d.toString(flags & 0x800 ? "utf8" : "latin1", p + 46, p + 46 + nameLen),
      };
      // ZIP64 extra field: the 0xFFFFFFFF fields, in order.
      let x = p + 46 + nameLen;
      const xEnd = x + extraLen;
      while (x + 4 <= xEnd) {
        const id = d.readUInt16LE(x);
        const len = d.readUInt16LE(x + 2);
        if (id === 0x0001) {
          let q = x + 4;
          if (e.size === 0xffffffff) ((e.size = Number(d.readBigUInt64LE(q))), (q += 8));
          if (e.compressedSize === 0xffffffff)
            ((e.compressedSize = Number(d.readBigUInt64LE(q))), (q += 8));
          if (e.localOffset === 0xffffffff) e.localOffset = Number(d.readBigUInt64LE(q));
        }
        x += 4 + len;
      }
      p = xEnd + commentLen;
      const unsafe = unsafeEntryName(e.name);
      if (unsafe) throw new NotAZipError(`its zip entry "${e.name}" ${unsafe}`);
      const twin = this.findName(e.name);
      if (twin !== undefined)
        throw new NotAZipError(
          `it holds the zip entry "${e.name}" twice${twin !== e.name ? ` (as "${twin}")` : ""}, so which one is the workbook's cannot be told`
        );
      this.entries.push(e);
      this.byName.set(e.name, e);
    }
    for (const e of this.entries) this.checkLocalHeader(e);
  }

  /** The entry's local header says what the zip directory says (name, method, and sizes when it states them). */
  private checkLocalHeader(e: ZipEntry): void {
    const h = this.src.read(e.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL)
      throw new NotAZipError(`its zip entry "${e.name}" is missing or damaged`);
    const nameLen = h.readUInt16LE(26);
    const name = this.src.read(e.localOffset + 30, nameLen);
    const asCentral = Buffer.from(e.name, e.flags & 0x800 ? "utf8" : "latin1");
    const sizes = (h.readUInt16LE(6) & 0x8) === 0;
    const c = h.readUInt32LE(14);
    const cs = h.readUInt32LE(18);
    const us = h.readUInt32LE(22);
    if (
      !name.equals(asCentral) ||
      h.readUInt16LE(8) !== e.method ||
      (sizes && c !== e.crc) ||
      (sizes && cs !== 0xffffffff && cs !== e.compressedSize % 2 ** 32) ||
      (sizes && us !== 0xffffffff && us !== e.size % 2 ** 32)
    )
      throw new NotAZipError(
        `its zip entry "${e.name}" has a local header that disagrees with the zip directory (the file is damaged or was tampered with)`
      );
    if (e.size > this.ceiling) throw new NotAZipError(this.tooBig(e.name));
  }

  private tooBig(name: string): string {
    return (
      `its part ${name} inflates to more than ${MB(this.ceiling)}, far more than a workbook of this size ` +
      `holds (the limit is 200 times the file's size, at least 32 MB and at most 2 GB), so it was not opened`
    );
  }

  /** Counts `n` more inflated bytes of `name`; past the ceiling (per part or in total) it is an error. */
  private count(name: string, partBytes: number, n: number): void {
    if (partBytes > this.ceiling) throw new NotAZipError(this.tooBig(name));
    if (this.counted.has(name)) return;
    this.inflated += n;
    if (this.inflated > this.ceiling)
      throw new NotAZipError(
        `its parts inflate to more than ${MB(this.ceiling)} in all, far more than a workbook of this size ` +
          `holds (the limit is 200 times the file's size, at least 32 MB and at most 2 GB), so it was not opened`
      );
  }

  private damaged(name: string): NotAZipError {
    return new NotAZipError(
      `its part ${name} is damaged (its content does not match the checksum stored with it); the file was cut short or changed`
    );
  }

  /** Checks one entry's whole content against its CRC (an entry about to be copied that was never read). */
  async verify(e: ZipEntry): Promise<void> {
    if (this.verified.has(e.name)) return;
    for await (const chunk of this.stream(e.name)) void chunk;
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  entry(name: string): ZipEntry | undefined {
    return this.byName.get(name);
  }

  /** An entry's name as stored, matched without regard to case (zip names are case-sensitive; Office's are not). */
  findName(name: string): string | undefined {
    if (this.byName.has(name)) return name;
    const lower = name.toLowerCase();
    return this.entries.find((e) => e.name.toLowerCase() === lower)?.name;
  }

  /** Where the entry's stored bytes start (after its local header). */
  private dataStart(e: ZipEntry): number {
    const h = this.src.read(e.localOffset, 30);
    if (h.length < 30 || h.readUInt32LE(0) !== SIG_LOCAL)
      throw new NotAZipError(`the zip entry ${e.name} is damaged`);
    return e.localOffset + 30 + h.readUInt16LE(26) + h.readUInt16LE(28);
  }

  /** The entry's compressed bytes as stored. */
  raw(e: ZipEntry): Buffer {
    return this.src.read(this.dataStart(e), e.compressedSize);
  }

  /** The entry's stored bytes in slices (a big sheet is never held whole). */
  *rawSlices(e: ZipEntry): Generator<Buffer> {
    const start = this.dataStart(e);
    for (let i = 0; i < e.compressedSize; i += SLICE)
      yield this.src.read(start + i, Math.min(SLICE, e.compressedSize - i));
  }

  /** The entry's content (inflated). */
  read(name: string): Buffer {
    const e = this.byName.get(name);
    if (!e) throw new Error(`The package has no part ${name}.`);
    const raw = this.raw(e);
    let data: Buffer;
    if (e.method === 0) data = raw;
    else if (e.method === 8) {
      try {
        data = zlib.inflateRawSync(raw, { maxOutputLength: Math.max(1, this.ceiling) });
      } catch (err) {
        if (
          err instanceof RangeError ||
          (err as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE"
        )
          throw new NotAZipError(this.tooBig(name));
        throw this.damaged(name);
      }
    } else throw this.unsupported(name, e.method);
    this.count(name, data.length, data.length);
    this.counted.add(name);
    if (data.length !== e.size || zlib.crc32(data) !== e.crc) throw this.damaged(name);
    this.verified.add(name);
    return data;
  }

  private unsupported(name: string, method: number): NotAZipError {
    return new NotAZipError(
      `the part ${name} is compressed with method ${method}, which is not used by Excel`
    );
  }

  text(name: string): string | null {
    const found = this.findName(name);
    return found === undefined ? null : this.read(found).toString("utf8");
  }

  /** The entry's content as a stream of inflated chunks (for sheets too big to inflate at once). */
  stream(name: string): Readable {
    const e = this.byName.get(name);
    if (!e) throw new Error(`The package has no part ${name}.`);
    if (e.method !== 0 && e.method !== 8) throw this.unsupported(name, e.method);
    // Every chunk is counted against the ceiling and the CRC is checked at the end, so a bomb stops early and a
    // damaged part never reads as a shorter one.
    let bytes = 0;
    let crc = 0;
    const check = new Transform({
      transform: (chunk: Buffer, _enc, done) => {
        bytes += chunk.length;
        try {
          this.count(name, bytes, chunk.length);
        } catch (err) {
          done(err as Error);
          return;
        }
        crc = zlib.crc32(chunk, crc);
        done(null, chunk);
      },
      flush: (done) => {
        this.counted.add(name);
        if (bytes !== e.size || crc >>> 0 !== e.crc >>> 0) done(this.damaged(name));
        else {
          this.verified.add(name);
          done();
        }
      },
    });
    const src = Readable.from(this.rawSlices(e));
    if (e.method === 0) {
      src.on("error", (err) => check.destroy(err));
      return src.pipe(check);
    }
    const inflate = zlib.createInflateRaw({ chunkSize: 256 * 1024 });
    // Feed the compressed bytes in slices so the inflater's output is taken as it comes.
    src.on("error", (err) => inflate.destroy(err));
    inflate.on("error", () => check.destroy(this.damaged(name)));
    check.on("close", () => {
      src.destroy();
      inflate.destroy();
    });
    return src.pipe(inflate).pipe(check);
  }
}

// ---------------------------------------------------------------------------------------------
// Writing
// ---------------------------------------------------------------------------------------------

const CRC_TABLE = (() => {
  const t = new Int32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c;
  }
  return t;
})();

/** CRC-32 of the zip format, continuing from `crc` (zlib.crc32 where Node has it). */
export function crc32(data: Buffer, crc = 0): number {
  const native = (zlib as unknown as { crc32?: (d: Buffer, v: number) => number }).crc32;
  if (native) return native(data, crc) >>> 0;
  let c = ~crc;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return ~c >>> 0;
}

function dosDateTime(d: Date): { time: number; date: number } {
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | Math.floor(d.getSeconds() / 2),
    date: ((Math.max(1980, d.getFullYear()) - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate(),
  };
}

interface Written {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
  time: number;
  date: number;
  versionMadeBy: number;
  externalAttrs: number;
  internalAttrs: number;
}

const U32 = 0xffffffff;

/**
 * The ZIP64 extended information extra field (APPNOTE 4.5.3): header id 1, then `values` as 8-byte numbers in the
 * field's order (size, compressed size, local header offset), the ones whose 4-byte header field says 0xFFFFFFFF.
 */
export function zip64Extra(values: readonly number[]): Buffer {
  const extra = Buffer.alloc(4 + 8 * values.length);
  extra.writeUInt16LE(0x0001, 0);
  extra.writeUInt16LE(8 * values.length, 2);
  for (let i = 0; i < values.length; i++) extra.writeBigUInt64LE(BigInt(values[i]), 4 + 8 * i);
  return extra;
}

/** Writes a zip package to a file, entry by entry, with back-pressure. */
export class ZipWriter {
  private out: WriteStream;
  private offset = 0;
  private written: Written[] = [];
  private now = dosDateTime(new Date());
  private failed: Error | null = null;

  constructor(file: string) {
    this.out = createWriteStream(file);
    this.out.on("error", (e) => (this.failed ??= e));
  }

  private async write(buf: Buffer): Promise<void> {
    if (this.failed) throw this.failed;
    this.offset += buf.length;
    if (!this.out.write(buf)) {
      await new Promise<void>((resolve, reject) => {
        const onErr = (e: Error) => {
          this.out.off("drain", onDrain);
          reject(e);
        };
        const onDrain = () => {
          this.out.off("error", onErr);
          resolve();
        };
        this.out.once("drain", onDrain);
        this.out.once("error", onErr);
      });
    }
    if (this.failed) throw this.failed;
  }

  private localHeader(w: Written, descriptor: boolean): Buffer {
    const zip64 = !descriptor && (w.size >= U32 || w.compressedSize >= U32);
    const extra = zip64 ? zip64Extra([w.size, w.compressedSize]) : Buffer.alloc(0);
    const h = Buffer.alloc(30);
    h.writeUInt32LE(SIG_LOCAL, 0);
    h.writeUInt16LE(zip64 ? 45 : 20, 4);
    h.writeUInt16LE(w.flags, 6);
    h.writeUInt16LE(w.method, 8);
    h.writeUInt16LE(w.time, 10);
    h.writeUInt16LE(w.date, 12);
    h.writeUInt32LE(descriptor ? 0 : w.crc, 14);
    h.writeUInt32LE(descriptor ? 0 : zip64 ? U32 : w.compressedSize, 18);
    h.writeUInt32LE(descriptor ? 0 : zip64 ? U32 : w.size, 22);
    h.writeUInt16LE(w.name.length, 26);
    h.writeUInt16LE(extra.length, 28);
    return Buffer.concat([h, w.name, extra]);
  }

  private entryBase(name: string, method: number, flags: number): Written {
    return {
      name: Buffer.from(name, "utf8"),
      method,
      flags: flags | 0x800,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.offset,
      time: this.now.time,
      date: this.now.date,
      versionMadeBy: 20,
      externalAttrs: 0,
      internalAttrs: 0,
    };
  }

  /** Copies an entry of another package as its stored bytes (same method, CRC and sizes). */
  async copy(from: ZipReader, e: ZipEntry): Promise<void> {
    const w: Written = {
      name: Buffer.from(e.name, "utf8"),
      method: e.method,
      // Sizes go in the local header, so no data descriptor; the name is written as UTF-8.
      flags: (e.flags & ~0x8) | 0x800,
      crc: e.crc,
      compressedSize: e.compressedSize,
      size: e.size,
      offset: this.offset,
      time: e.time,
      date: e.date,
      versionMadeBy: e.versionMadeBy,
      externalAttrs: e.externalAttrs,
      internalAttrs: e.internalAttrs,
    };
    await this.write(this.localHeader(w, false));
    for (const slice of from.rawSlices(e)) await this.write(slice);
    this.written.push(w);
  }

  /** Adds an entry from bytes in memory, deflated. */
  async add(name: string, data: Buffer | string): Promise<void> {
    const buf = typeof data === "string" ? Buffer.from(data, "utf8") : data;
    const packed = zlib.deflateRawSync(buf, { level: 6 });
    const w = this.entryBase(name, 8, 0);
    w.crc = crc32(buf);
    w.size = buf.length;
    w.compressedSize = packed.length;
    await this.write(this.localHeader(w, false));
    await this.write(packed);
    this.written.push(w);
  }

  /** Adds an entry from a stream of chunks (deflated as they come; sizes and CRC in a data descriptor). */
  async addStream(name: string, source: Readable): Promise<void> {
    const w = this.entryBase(name, 8, 0x8);
    await this.write(this.localHeader(w, true));
    let crc = 0;
    let size = 0;
    let compressed = 0;
    const deflate = zlib.createDeflateRaw({ level: 6, chunkSize: 256 * 1024 });
    const sink = new Writable({
      write: (chunk: Buffer, _enc, cb) => {
        compressed += chunk.length;
        this.write(chunk).then(() => cb(), cb);
      },
    });
    const counted = async function* (src: AsyncIterable<Buffer | string>) {
      for await (const c of src) {
        const b = typeof c === "string" ? Buffer.from(c, "utf8") : c;
        crc = crc32(b, crc);
        size += b.length;
        yield b;
      }
    };
    await pipeline(source, counted, deflate, sink);
    w.crc = crc;
    w.size = size;
    w.compressedSize = compressed;
    const zip64 = size >= U32 || compressed >= U32;
    const d = Buffer.alloc(zip64 ? 24 : 16);
    d.writeUInt32LE(SIG_DESCRIPTOR, 0);
    d.writeUInt32LE(crc, 4);
    if (zip64) {
      d.writeBigUInt64LE(BigInt(compressed), 8);
      d.writeBigUInt64LE(BigInt(size), 16);
    } else {
      d.writeUInt32LE(compressed, 8);
      d.writeUInt32LE(size, 12);
    }
    await this.write(d);
    this.written.push(w);
  }

  /** Writes the central directory and closes the file. */
  async finish(): Promise<void> {
    const cdStart = this.offset;
    for (const w of this.written) {
      const needs64 = w.size >= U32 || w.compressedSize >= U32 || w.offset >= U32;
      const extra = needs64 ? zip64Extra([w.size, w.compressedSize, w.offset]) : Buffer.alloc(0);
      const h = Buffer.alloc(46);
      h.writeUInt32LE(SIG_CENTRAL, 0);
      h.writeUInt16LE(needs64 ? 45 : w.versionMadeBy, 4);
      h.writeUInt16LE(needs64 ? 45 : 20, 6);
      h.writeUInt16LE(w.flags, 8);
      h.writeUInt16LE(w.method, 10);
      h.writeUInt16LE(w.time, 12);
      h.writeUInt16LE(w.date, 14);
      h.writeUInt32LE(w.crc, 16);
      h.writeUInt32LE(needs64 ? U32 : w.compressedSize, 20);
      h.writeUInt32LE(needs64 ? U32 : w.size, 24);
      h.writeUInt16LE(w.name.length, 28);
      h.writeUInt16LE(extra.length, 30);
      h.writeUInt16LE(0, 32);
      h.writeUInt16LE(0, 34);
      h.writeUInt16LE(w.internalAttrs, 36);
      h.writeUInt32LE(w.externalAttrs, 38);
      h.writeUInt32LE(needs64 ? U32 : w.offset, 42);
      await this.write(Buffer.concat([h, w.name, extra]));
    }
    const cdSize = this.offset - cdStart;
    const count = this.written.length;
    if (count >= 0xffff || cdStart >= U32 || cdSize >= U32) {
      const z = Buffer.alloc(56 + 20);
      const z64At = this.offset;
      z.writeUInt32LE(SIG_ZIP64_EOCD, 0);
      z.writeBigUInt64LE(44n, 4);
      z.writeUInt16LE(45, 12);
      z.writeUInt16LE(45, 14);
      z.writeBigUInt64LE(BigInt(count), 24);
      z.writeBigUInt64LE(BigInt(count), 32);
      z.writeBigUInt64LE(BigInt(cdSize), 40);
      z.writeBigUInt64LE(BigInt(cdStart), 48);
      z.writeUInt32LE(SIG_ZIP64_LOCATOR, 56);
      z.writeBigUInt64LE(BigInt(z64At), 64);
      z.writeUInt32LE(1, 72);
      await this.write(z);
    }
    const e = Buffer.alloc(22);
    e.writeUInt32LE(SIG_EOCD, 0);
    e.writeUInt16LE(Math.min(count, 0xffff), 8);
    e.writeUInt16LE(Math.min(count, 0xffff), 10);
    e.writeUInt32LE(Math.min(cdSize, U32), 12);
    e.writeUInt32LE(Math.min(cdStart, U32), 16);
    await this.write(e);
    await new Promise<void>((resolve, reject) => {
      this.out.end((err?: Error | null) => (err ? reject(err) : resolve()));
    });
    if (this.failed) throw this.failed;
  }

  /** Closes the file after a failure (the caller removes it). */
  async abort(): Promise<void> {
    await new Promise<void>((resolve) => {
      if (this.out.closed) resolve();
      else (this.out.destroy(), this.out.once("close", () => resolve()));
    });
  }
}
