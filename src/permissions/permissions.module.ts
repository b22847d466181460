import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { RevocationModule } from '../revocation/revocation.module';
import { SecurityEventsModule } from '../security-events/security-events.module';
import { AccessGuard } from './access.guard';
import { DjangoAccessImporter } from './django-access-importer';
import { GroupPermissionEntity } from './entities/group-permission.entity';
import { GroupEntity } from './entities/group.entity';
import { PermissionEntity } from './entities/permission.entity';
import { UserGroupEntity } from './entities/user-group.entity';
import { UserPermissionEntity } from './entities/user-permission.entity';
import { GroupAccessService } from './group-access.service';
import { GroupRepository } from './group.repository';
import { PermissionCache } from './permission.cache';
import { PermissionRepository } from './permission.repository';
import { UserAccessService } from './user-access.service';

/**
 * Django's permissions and groups (auth_permission, auth_group and the three link tables), the
 * effective-permission cache, AccessGuard, the global guard that enforces the routes' declared rules, and
 * the import of a Django `dumpdata auth` file's permissions, groups and user links (`importusers`).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([
      PermissionEntity,
      GroupEntity,
      GroupPermissionEntity,
      UserGroupEntity,
      UserPermissionEntity,
    ]),
    RevocationModule,
    SecurityEventsModule,
  ],
  providers: [
    PermissionRepository,
    GroupRepository,
    PermissionCache,
    GroupAccessService,
    UserAccessService,
    AccessGuard,
    DjangoAccessImporter,
  ],
  exports: [GroupAccessService, UserAccessService, AccessGuard, DjangoAccessImporter],
})
export class PermissionsModule {}
