export { MAX_RECORDED, SIGNATURE_HEADER, startReceiver, type ReceivedPost, type Receiver, type ReceiverOptions } from './server.ts';
export { computeSignature, verifySignature } from './signature.ts';
