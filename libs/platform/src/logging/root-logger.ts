/** The service's root pino logger (createLoggerModule provides it). */
export const ROOT_LOGGER = Symbol('ROOT_LOGGER');
