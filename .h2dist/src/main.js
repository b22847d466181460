"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
require("reflect-metadata");
const core_1 = require("@nestjs/core");
const node_fs_1 = require("node:fs");
const app_module_1 = require("./app.module");
const app_setup_1 = require("./app.setup");
const configuration_1 = require("./config/configuration");
async function bootstrap() {
    if ((0, node_fs_1.existsSync)('.env'))
        process.loadEnvFile('.env');
    const config = (0, configuration_1.loadConfiguration)(process.env);
    const logger = (0, app_setup_1.createLogger)(config);
    const app = await core_1.NestFactory.create(app_module_1.AppModule.register(config), (0, app_setup_1.createAdapter)(config, logger), { bufferLogs: true, abortOnError: false });
    await (0, app_setup_1.configureApp)(app, config);
    await app.listen({ port: config.app.port, host: config.app.host });
    logger.info(`Bastion listening on http://${config.app.host}:${config.app.port} (Swagger UI at /docs)`);
}
bootstrap().catch((e) => {
    if (e instanceof configuration_1.ConfigError)
        process.stderr.write(`${e.message}\n`);
    else
        process.stderr.write(`Bastion failed to start: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
});
//# sourceMappingURL=main.js.map