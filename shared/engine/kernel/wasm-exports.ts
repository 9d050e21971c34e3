/**
 * The raw exports of wasm/build/kernel*.wasm. Only numbers and byte offsets cross the boundary;
 * wasm-kernel.ts adapts them to the `Kernel` contract.
 */
export interface KernelExports {
  readonly memory: WebAssembly.Memory
  alloc(bytes: number): number
  resetHeap(): void
  scoreLinkPosts(createdAtPtr: number, ampsPtr: number, n: number, nowSec: number, outPtr: number): void
}

/** The only import the kernel has: AssemblyScript calls `env.abort` on a failed assertion. */
export function kernelImports(): WebAssembly.Imports {
  return {
    env: {
      abort(_msg: number, _file: number, line: number, column: number): never {
        throw new Error(`wasm kernel aborted at ${line}:${column}`)
      }
    }
  }
}
