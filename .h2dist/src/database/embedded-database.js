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
var EmbeddedDatabase_1;
Object.defineProperty(exports, "__esModule", { value: true });
exports.EmbeddedDatabase = void 0;
const common_1 = require("@nestjs/common");
const node_path_1 = require("node:path");
const data_dir_lock_1 = require("./data-dir-lock");
const pglite_driver_1 = require("./pglite.driver");
/**
 * The embedded PGlite database under DATA_DIR, when DATABASE_URL is unset. Holds the data-directory
 * lock for as long as it is open: a second process on the same directory is refused, naming us.
 */
let EmbeddedDatabase = EmbeddedDatabase_1 = class EmbeddedDatabase {
    driver;
    lock;
    constructor(driver, lock) {
        this.driver = driver;
        this.lock = lock;
    }
    static async open(app, db, owner) {
        if (db.url)
            return new EmbeddedDatabase_1(null, null);
        const lock = data_dir_lock_1.DataDirLock.acquire(app.dataDir, owner);
        try {
            const driver = pglite_driver_1.PgliteDriver.open((0, node_path_1.join)(app.dataDir, 'pglite'));
            await driver.ready();
            new common_1.Logger('Database').log(`embedded PostgreSQL (PGlite) in ${app.dataDir}`);
            return new EmbeddedDatabase_1(driver, lock);
        }
        catch (e) {
            lock.release();
            throw e;
        }
    }
    async onApplicationShutdown() {
        await this.driver?.close();
        this.lock?.release();
    }
};
exports.EmbeddedDatabase = EmbeddedDatabase;
exports.EmbeddedDatabase = EmbeddedDatabase = EmbeddedDatabase_1 = __decorate([
    (0, common_1.Injectable)(),
    __metadata("design:paramtypes", [Object, Object])
], EmbeddedDatabase);
//# sourceMappingURL=embedded-database.js.map