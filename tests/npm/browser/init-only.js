const params = new URLSearchParams(location.search);
window.testResults = import(params.get("entry")).then((api) =>
  api.init().then(
    () => ({ instantiated: true, items: api.validate("[]").items }),
    (error) => ({ instantiated: false, error: `${error.name}: ${error.message}` }),
  ),
);
