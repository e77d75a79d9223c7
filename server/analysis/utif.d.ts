// The part of utif 3.1 (which ships no types) that the TIFF reader and its tests use.
declare module "utif" {
  /** One image file directory: TIFF tags as "t<number>" keys, plus what decodeImage adds. */
  export interface IFD {
    [tag: `t${number}`]: number[] | string[] | Uint8Array | undefined;
    width?: number;
    height?: number;
    /** Decoded pixel bytes, rows packed, after decodeImage. */
    data?: Uint8Array;
    subIFD?: IFD[];
  }
  export function decode(buffer: ArrayBuffer | Uint8Array): IFD[];
  export function decodeImage(buffer: ArrayBuffer | Uint8Array, ifd: IFD, ifds?: IFD[]): void;
  export function encode(ifds: Record<string, unknown>[]): ArrayBuffer;
  export function encodeImage(rgba: ArrayBuffer | Uint8Array, width: number, height: number, metadata?: Record<string, unknown>): ArrayBuffer;
  const UTIF: { decode: typeof decode; decodeImage: typeof decodeImage; encode: typeof encode; encodeImage: typeof encodeImage };
  export default UTIF;
}
