// Proof of detection power on the API side (test/broken/detection.ts): every broken variant of the emulator
// is caught by the checks it names, every faithful one passes, every API requirement is caught.
import { describeDetection } from '../detection.ts';
import { runVariant } from './direct.ts';
import { ALL_VARIANTS } from './variants/index.ts';

describeDetection('api', ALL_VARIANTS, runVariant);
