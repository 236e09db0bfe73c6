/** Refuses request paths that cannot be percent-decoded, before any router tries to. */
import type { RequestHandler } from "express";
import { UserError } from "../errors.js";
import { sendUserError } from "./send-user-error.js";

function decodes(path: string): boolean {
  try {
    decodeURIComponent(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * A path such as `/api/tables/%E0%A4%A` makes the router's parameter decoding throw, which would
 * surface as a 500; it is the client's mistake, so it is answered `400 malformed_url` instead.
 */
export const rejectMalformedUrls: RequestHandler = (request, response, next) => {
  if (decodes(request.path)) {
    next();
    return;
  }
  sendUserError(
    request,
    response,
    new UserError(400, "malformed_url", "The request path is not valid percent-encoded UTF-8."),
  );
};
