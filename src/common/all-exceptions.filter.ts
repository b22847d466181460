import { ArgumentsHost, Catch, ExceptionFilter } from '@nestjs/common';
import { FastifyReply, FastifyRequest } from 'fastify';
import { toErrorResponse } from './error-response';

/** The one exception filter: everything thrown in Nest's pipeline is answered in the contract's shape. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const req = http.getRequest<FastifyRequest>();
    const { status, headers, body } = toErrorResponse(exception, req.headers['content-type']);
    void http.getResponse<FastifyReply>().code(status).headers(headers).send(body);
  }
}
