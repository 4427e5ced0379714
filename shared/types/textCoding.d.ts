// TextDecoder/TextEncoder exist in every runtime Chorus targets (Node, browsers, workers), but the
// ES2022 lib that keeps shared/ free of DOM and Node types does not declare them. Declare only what we use.
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean });
  decode(input?: ArrayBufferView | ArrayBuffer): string;
}
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
