import { readFileSync } from "node:fs"
import { inflateRawSync } from "node:zlib"

/**
 * Reads every file of a zip archive into memory (store and deflate, as Plasmo writes them). Small
 * on purpose: the package checks must look at the very archive that is uploaded to the stores.
 */
export function readZip(path: string): Map<string, Buffer> {
  const buf = readFileSync(path)
  // End of central directory: signature 0x06054b50, within the last 64 KiB + 22 bytes.
  let eocd = -1
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 65_557); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i
      break
    }
  }
  if (eocd < 0) throw new Error(`${path} is not a zip archive`)
  const count = buf.readUInt16LE(eocd + 10)
  let p = buf.readUInt32LE(eocd + 16)
  const files = new Map<string, Buffer>()
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${path}: damaged central directory`)
    const method = buf.readUInt16LE(p + 10)
    const compressedSize = buf.readUInt32LE(p + 20)
    const nameLen = buf.readUInt16LE(p + 28)
    const extraLen = buf.readUInt16LE(p + 30)
    const commentLen = buf.readUInt16LE(p + 32)
    const localHeader = buf.readUInt32LE(p + 42)
    const name = buf.toString("utf8", p + 46, p + 46 + nameLen)
    p += 46 + nameLen + extraLen + commentLen
    if (name.endsWith("/")) continue
    const localNameLen = buf.readUInt16LE(localHeader + 26)
    const localExtraLen = buf.readUInt16LE(localHeader + 28)
    const start = localHeader + 30 + localNameLen + localExtraLen
    const raw = buf.subarray(start, start + compressedSize)
    if (method === 0) files.set(name, Buffer.from(raw))
    else if (method === 8) files.set(name, inflateRawSync(raw))
    else throw new Error(`${path}: ${name} uses unsupported compression method ${method}`)
  }
  return files
}
