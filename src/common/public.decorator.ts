import { SetMetadata } from '@nestjs/common';

export const IS_PUBLIC_KEY = 'bastion:isPublic';

/** Opts a controller or route out of the global JWT guard. Everything else needs a valid access token. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC_KEY, true);
