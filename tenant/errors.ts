/**
 * The one error type routes throw. The app's error handler turns it into the REST error body
 * (FACTS.md: `{Error, ErrorType, ErrorMessage, ErrorSource}`), so every 4xx says what is wrong.
 */
import type { ErrorBody } from '../schemas/index.ts';

export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorType: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const badRequest = (message: string) => new ApiError(400, 'SoBadRequestException', message);
export const notFound = (message: string) => new ApiError(404, 'SoNotFoundException', message);

export function errorBody(
  errorType: string,
  message: string,
  source = 'SuperOffice.ChatSession.ReferenceTenant',
): ErrorBody {
  return { Error: true, ErrorType: errorType, ErrorMessage: message, ErrorSource: source };
}
