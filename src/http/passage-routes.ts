import { Router } from "express";
import type { z } from "zod";
import { UserError } from "../errors.js";
import type { LoadedIndex } from "../retrieval/load-index.js";
import { PassageCatalogue } from "../retrieval/passage-catalogue.js";
import { passageIdSchema } from "./request-schemas.js";
import type { passageSchema } from "./response-schemas.js";
import { validate } from "./validate.js";

export interface PassageRouterOptions {
  /** The loaded index; read on every request so that a rebuilt index is picked up. */
  getIndex: () => LoadedIndex;
}

/** `GET /api/passages/:id`: one passage with its place in the document and the figures it states. */
export function createPassageRouter(options: PassageRouterOptions): Router {
  const router = Router();
  const catalogues = new WeakMap<LoadedIndex, PassageCatalogue>();
  const catalogueOf = (index: LoadedIndex): PassageCatalogue => {
    let catalogue = catalogues.get(index);
    if (!catalogue) {
      catalogue = new PassageCatalogue(index.chunks, index.tables);
      catalogues.set(index, catalogue);
    }
    return catalogue;
  };

  router.get("/api/passages/:id", (request, response) => {
    const id = validate(passageIdSchema, request.params.id);
    const passage = catalogueOf(options.getIndex()).get(id);
    if (!passage) throw new UserError(404, "passage_not_found", `no passage with id "${id}"`);
    response.json(passage satisfies z.input<typeof passageSchema>);
  });

  return router;
}
