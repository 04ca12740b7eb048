// The PVT estimate and the minimum proven theft: figures about the whole election from the
// crowd's evidence. The estimator's building blocks (strata, the ratio estimator) stay inside.
export {
  estimatePvt,
  TURNOUT,
  type TBiasCheck,
  type TPvtEstimate,
  type TPvtFinding,
  type TPvtInput,
  type TPvtRow,
  type TPvtScope,
} from './pvt-estimate.js';
export { REMAINDER } from './strata.js';
export { minimumProvenTheft, type TMinimumTheft, type TFindingsByStation } from './minimum-proven-theft.js';
