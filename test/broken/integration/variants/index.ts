// Every variant of the reference service, for the detection test and docs/catalogue.md.
import type { IntegrationVariant } from '../variant.ts';
import { CALLBACK_BODY_VARIANTS } from './callback-body.ts';
import { CALLBACK_VARIANTS } from './callback.ts';
import { RESILIENCE_VARIANTS } from './resilience.ts';
import { SIGNATURE_VARIANTS } from './signature.ts';
import { STAGE_REQUEST_VARIANTS } from './stage-request.ts';
import { VCS_VARIANTS } from './vcs.ts';
import { VERIFICATION_VARIANTS } from './verification.ts';

export const ALL_INTEGRATION_VARIANTS: readonly IntegrationVariant[] = [
  ...VERIFICATION_VARIANTS,
  ...STAGE_REQUEST_VARIANTS,
  ...VCS_VARIANTS,
  ...CALLBACK_VARIANTS,
  ...CALLBACK_BODY_VARIANTS,
  ...SIGNATURE_VARIANTS,
  ...RESILIENCE_VARIANTS,
];
