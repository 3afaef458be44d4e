// The signature rule is the contract's (both sides sign or verify it): defined in src/contract/signature.ts.
export { computeSignature, verifySignature } from '../../contract/signature.ts';
