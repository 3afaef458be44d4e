// Proof of detection power on the integration side (test/broken/detection.ts): every broken variant of the
// reference service is caught by the checks it names, every faithful one passes, every integration
// requirement is caught.
import { describeDetection } from '../detection.ts';
import { runIntegrationVariant } from './direct.ts';
import { ALL_INTEGRATION_VARIANTS } from './variants/index.ts';

describeDetection('integration', ALL_INTEGRATION_VARIANTS, runIntegrationVariant);
