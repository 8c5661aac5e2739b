import type { FastifyReply } from 'fastify';
import { STATUS_CODES } from 'node:http';

/**
 * Answers an error in the plain `{ statusCode, error, message }` shape of the routes that are
 * neither GraphQL nor a legacy family (`POST /uploads`, and errors no route handled), as Fastify
 * answers its own.
 */
export function sendPlainError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ statusCode: status, error: STATUS_CODES[status], message });
}
