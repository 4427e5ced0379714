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
  class Memory {
    constructor(descriptor: { initial: number; maximum?: number; shared?: boolean });
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
    grow(pages: number): number;
  }
  function validate(bytes: Uint8Array): boolean;
}
declare function atob(data: string): string;
