"use strict";
var __decorate = (this && this.__decorate) || function (decorators, target, key, desc) {
    var c = arguments.length, r = c < 3 ? target : desc === null ? desc = Object.getOwnPropertyDescriptor(target, key) : desc, d;
    if (typeof Reflect === "object" && typeof Reflect.decorate === "function") r = Reflect.decorate(decorators, target, key, desc);
    else for (var i = decorators.length - 1; i >= 0; i--) if (d = decorators[i]) r = (c < 3 ? d(r) : c > 3 ? d(target, key, r) : d(target, key)) || r;
    return c > 3 && r && Object.defineProperty(target, key, r), r;
};
var __metadata = (this && this.__metadata) || function (k, v) {
    if (typeof Reflect === "object" && typeof Reflect.metadata === "function") return Reflect.metadata(k, v);
};
var __param = (this && this.__param) || function (paramIndex, decorator) {
    return function (target, key) { decorator(target, key, paramIndex); }
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.MigrationRunner = void 0;
const common_1 = require("@nestjs/common");
const typeorm_1 = require("@nestjs/typeorm");
const typeorm_2 = require("typeorm");
const database_config_1 = require("../config/database.config");
/** Any constant unique to Bastion: the advisory lock key that serialises migrations across instances. */
const MIGRATION_LOCK_KEY = 7_262_021_001;
/**
 * Runs pending migrations at start (MIGRATE_ON_START). On PostgreSQL the run holds a session advisory
 * lock, so instances starting together on one empty database take turns and all come up.
 */
let MigrationRunner = class MigrationRunner {
    dataSource;
    db;
    log = new common_1.Logger('Migrations');
    constructor(dataSource, db) {
        this.dataSource = dataSource;
        this.db = db;
    }
    async onModuleInit() {
        if (this.db.migrateOnStart)
            await this.run();
    }
    /** Applies pending migrations; returns their names. */
    async run() {
        if (!this.db.url)
            return this.apply(); // embedded: one process per data directory already
        const lockRunner = this.dataSource.createQueryRunner();
        await lockRunner.connect();
        try {
            await lockRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
            return await this.apply();
        }
        finally {
            await lockRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
            await lockRunner.release();
        }
    }
    async revert() {
        await this.dataSource.undoLastMigration({ transaction: 'each' });
    }
    async apply() {
        const done = await this.dataSource.runMigrations({ transaction: 'each' });
        for (const m of done)
            this.log.log(`applied ${m.name}`);
        return done.map((m) => m.name);
    }
};
exports.MigrationRunner = MigrationRunner;
exports.MigrationRunner = MigrationRunner = __decorate([
    (0, common_1.Injectable)(),
    __param(0, (0, typeorm_1.InjectDataSource)()),
    __metadata("design:paramtypes", [typeorm_2.DataSource,
        database_config_1.DatabaseConfig])
], MigrationRunner);
//# sourceMappingURL=migration-runner.js.map