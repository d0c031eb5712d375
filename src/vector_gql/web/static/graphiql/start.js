// GraphiQL for Vector Interview, signed in as the browser's user.
//
// The HTML pages keep the user's tokens in HttpOnly cookies. This script asks
// the server, same-origin, for an access token from that sign-in and adds it to
// every request as "Authorization: Bearer ...", unless the headers editor sets
// an Authorization header of its own. The refresh token stays in its cookie;
// the access token lives in this page's memory only (never in localStorage).
(function () {
  'use strict';

  var root = document.getElementById('graphiql');
  var endpoint = root.dataset.endpoint;
  var sessionUrl = root.dataset.sessionUrl;
  var sessionHeader = root.dataset.sessionHeader;
  var loginUrl = root.dataset.loginUrl;
  var h = React.createElement;
  // GraphiQL's dialogs add one <style> element; the page's policy admits it by this nonce.
  window.__webpack_nonce__ = root.dataset.styleNonce;

  var session = null; // {accessToken, user: {username}}
  var listeners = [];

  function setSession(value) {
    session = value;
    listeners.forEach(function (listener) { listener(value); });
  }

  function signIn() {
    var headers = { Accept: 'application/json' };
    headers[sessionHeader] = '1';
    return fetch(sessionUrl, { method: 'POST', credentials: 'same-origin', headers: headers })
      .then(function (response) { return response.ok ? response.json() : null; })
      // {"accessToken": null} when the browser is not signed in.
      .catch(function () { return null; })
      .then(function (body) {
        setSession(body && body.accessToken ? body : null);
        return session;
      });
  }

  function hasOwnAuthorization(headers) {
    return Object.keys(headers || {}).some(function (name) {
      return name.toLowerCase() === 'authorization';
    });
  }

  function isUnauthenticated(result) {
    return Boolean(result && result.errors && result.errors.some(function (error) {
      return error.extensions && error.extensions.code === 'UNAUTHENTICATED';
    }));
  }

  function post(params, extraHeaders, token) {
    var headers = Object.assign(
      {
        'Content-Type': 'application/json',
        Accept: 'application/graphql-response+json, application/json;q=0.9'
      },
      extraHeaders
    );
    if (token) headers.Authorization = 'Bearer ' + token;
    return fetch(endpoint, {
      method: 'POST',
      credentials: 'omit',
      headers: headers,
      body: JSON.stringify(params)
    }).then(function (response) { return response.json(); });
  }

  // Every answer of the API, errors included, is a JSON GraphQL response.
  function fetcher(params, options) {
    var headers = (options && options.headers) || {};
    if (hasOwnAuthorization(headers) || !session) return post(params, headers, null);
    return post(params, headers, session.accessToken).then(function (result) {
      if (!isUnauthenticated(result)) return result;
      // The access token expired (or the sign-in ended): ask again once.
      return signIn().then(function (renewed) {
        return post(params, headers, renewed ? renewed.accessToken : null);
      });
    });
  }

  function SessionStatus() {
    var state = React.useState(session);
    React.useEffect(function () {
      var listener = state[1];
      listeners.push(listener);
      return function () { listeners.splice(listeners.indexOf(listener), 1); };
    }, []);
    var current = state[0];
    var status = current
      ? h('span', { id: 'vector-session-user',
                    title: 'Requests carry your access token unless the headers set Authorization.' },
          'Signed in as ', h('strong', null, current.user.username))
      : h('span', { id: 'vector-session-user' },
          'Not signed in · ', h('a', { href: loginUrl }, 'Log in'));
    return h('span', { className: 'vector-session' },
      h('span', { className: 'vector-brand' }, 'Vector Interview'), status);
  }

  var DEFAULT_QUERY = [
    '# Vector Interview GraphQL API.',
    '# Signed in on the site? Requests carry your token.',
    '# Ctrl-Enter runs the query; Ctrl-Space completes.',
    '',
    'query Viewer {',
    '  viewer {',
    '    id',
    '    username',
    '    memberships { role organization { id name } }',
    '  }',
    '}',
    ''
  ].join('\n');

  signIn().then(function () {
    var explorer = GraphiQLPluginExplorer.explorerPlugin();
    ReactDOM.createRoot(root).render(
      h(GraphiQL, {
        fetcher: fetcher,
        defaultQuery: DEFAULT_QUERY,
        plugins: [explorer],
        isHeadersEditorEnabled: true,
        shouldPersistHeaders: false,
        inputValueDeprecation: true
      }, h(GraphiQL.Logo, null, h(SessionStatus)))
    );
  });
})();
