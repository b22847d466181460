"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.UsersModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const user_entity_1 = require("./entities/user.entity");
const django_user_importer_1 = require("./django-import/django-user-importer");
const password_hasher_1 = require("./password-hasher");
const password_upgrader_1 = require("./password-upgrader");
const user_management_service_1 = require("./user-management.service");
const users_repository_1 = require("./users.repository");
const users_service_1 = require("./users.service");
let UsersModule = class UsersModule {
};
exports.UsersModule = UsersModule;
exports.UsersModule = UsersModule = __decorate([
    (0, common_1.Module)({
        imports: [typeorm_1.TypeOrmModule.forFeature([user_entity_1.UserEntity])],
        providers: [
            users_repository_1.UsersRepository,
            password_hasher_1.PasswordHasher,
            password_upgrader_1.PasswordUpgrader,
            users_service_1.UsersService,
            user_management_service_1.UserManagementService,
            django_user_importer_1.DjangoUserImporter,
        ],
        exports: [users_service_1.UsersService, user_management_service_1.UserManagementService, django_user_importer_1.DjangoUserImporter],
    })
], UsersModule);
//# sourceMappingURL=users.module.js.map