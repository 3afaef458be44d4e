// JSON:API error documents. Every error the target produces goes through ApiError, so the shape
// (string status, title, optional detail and source.pointer) is decided in one place.

export interface ErrorObject {
  status: string;
  title: string;
  detail?: string;
  source?: { pointer: string };
}

/** A request problem tied to one member of the request document. */
export interface Issue {
  pointer: string;
  detail: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly errors: ErrorObject[],
  ) {
    super(errors[0]?.detail ?? errors[0]?.title ?? `HTTP ${status}`);
  }
}

export const notFound = (): ApiError => new ApiError(404, [{ status: '404', title: 'not found' }]);

export const unauthorized = (): ApiError => new ApiError(401, [{ status: '401', title: 'unauthorized' }]);

export const badRequest = (detail: string): ApiError => new ApiError(400, [{ status: '400', title: 'bad request', detail }]);

export const unsupportedMediaType = (): ApiError =>
  new ApiError(415, [
    {
      status: '415',
      title: 'unsupported media type',
      detail: 'The request must have the header Content-Type: application/vnd.api+json.',
    },
  ]);

export const payloadTooLarge = (limit: number): ApiError =>
  new ApiError(413, [{ status: '413', title: 'payload too large', detail: `The request body exceeds ${limit} bytes.` }]);

export const internalError = (): ApiError => new ApiError(500, [{ status: '500', title: 'internal server error' }]);

/** 422 with one error per issue, each pointing at the offending request member. */
export function invalid(issues: Issue[]): ApiError {
  return new ApiError(
    422,
    issues.map((issue) => ({
      status: '422',
      title: 'invalid attribute',
      detail: issue.detail,
      source: { pointer: issue.pointer },
    })),
  );
}

export const invalidOne = (pointer: string, detail: string): ApiError => invalid([{ pointer, detail }]);
