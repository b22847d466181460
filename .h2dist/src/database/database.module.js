"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var EmbeddedDatabaseModule_1, DatabaseModule_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.DatabaseModule = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const app_config_1 = require("../config/app.config");
const database_config_1 = require("../config/database.config");
const data_source_options_1 = require("./data-source.options");
const embedded_database_1 = require("./embedded-database");
const migration_runner_1 = require("./migration-runner");
/** Opens the embedded database when there is no DATABASE_URL (owner: who holds the data-dir lock). */
let EmbeddedDatabaseModule = EmbeddedDatabaseModule_1 = class EmbeddedDatabaseModule {
    static register(owner) {
        const provider = {
            provide: embedded_database_1.EmbeddedDatabase,
            inject: [app_config_1.AppConfig, database_config_1.DatabaseConfig],
            useFactory: (app, db) => embedded_database_1.EmbeddedDatabase.open(app, db, owner),
        };
        return { module: EmbeddedDatabaseModule_1, providers: [provider], exports: [provider] };
    }
};
EmbeddedDatabaseModule = EmbeddedDatabaseModule_1 = __decorate([
    (0, common_1.Module)({})
], EmbeddedDatabaseModule);
let DatabaseModule = DatabaseModule_1 = class DatabaseModule {
    static forRoot(owner = 'server') {
        return {
            module: DatabaseModule_1,
            imports: [
                typeorm_1.TypeOrmModule.forRootAsync({
                    imports: [EmbeddedDatabaseModule.register(owner)],
                    inject: [database_config_1.DatabaseConfig, embedded_database_1.EmbeddedDatabase],
                    useFactory: (db, embedded) => ({
                        ...(0, data_source_options_1.dataSourceOptions)(db, embedded.driver),
                        autoLoadEntities: true,
                        retryAttempts: embedded.driver ? 0 : 10,
                        retryDelay: 2000,
                    }),
                }),
            ],
            providers: [migration_runner_1.MigrationRunner],
            exports: [migration_runner_1.MigrationRunner],
        };
    }
};
exports.DatabaseModule = DatabaseModule;
exports.DatabaseModule = DatabaseModule = DatabaseModule_1 = __decorate([
    (0, common_1.Module)({})
], DatabaseModule);
//# sourceMappingURL=database.module.js.map