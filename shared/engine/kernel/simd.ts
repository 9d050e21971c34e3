// The smallest module that uses a v128 instruction: (func (result v128) i32.const 0 i8x16.splat)
// WebAssembly.validate on it answers "does this engine support SIMD" without compiling the kernel.
const SIMD_PROBE = new Uint8Array([
  0, 97, 115, 109, 1, 0, 0, 0, 1, 5, 1, 96, 0, 1, 123, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 253, 15, 11
])

export function simdSupported(): boolean {
  try {
    return typeof WebAssembly === "object" && WebAssembly.validate(SIMD_PROBE)
  } catch {
    return false
  }
}
