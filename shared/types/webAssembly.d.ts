// The slice of WebAssembly and base64 that shared/ uses. Every runtime Chorus targets (Node, browsers,
// workers) has them, but the ES2022 lib that keeps shared/ free of DOM and Node types does not declare them.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: Record<string, unknown>;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
    grow(pages: number): number;
  }
}
declare function atob(data: string): string;
