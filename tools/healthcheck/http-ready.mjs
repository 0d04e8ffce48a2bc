// Container healthcheck of the gateway: GET /readyz on its own port.
const port = process.env.PORT ?? '3000';
fetch(`http://127.0.0.1:${port}/readyz`)
  .then((response) => process.exit(response.ok ? 0 : 1))
  .catch(() => process.exit(1));
