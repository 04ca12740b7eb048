// The protocol photo renderer lives with the demo seeder, which uses it in production.
export { renderProtocolPhoto, type TProtocolPhotoSpec } from '../../apps/api/src/demo/render-protocol-photo.js';
