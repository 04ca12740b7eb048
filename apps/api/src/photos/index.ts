// Public surface of the photo byte checks; everything else in this folder is internal.
export { inspectImage, stripMetadata } from './inspect-image.js';
export { sniffImageType, SNIFF_BYTES } from './sniff-image-type.js';
export { StripInputError } from './image-types.js';
export type {
  TImageInfo,
  TImageLimits,
  TImageMime,
  TImageRejection,
  TImageRejectionCode,
  TOrientation,
} from './image-types.js';
export type { Result } from './result.js';
