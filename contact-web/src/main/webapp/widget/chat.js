// CCS reference chat widget: starts a chat over REST, then talks over the WebSocket (JSON frames).
// A site serves its own copy with its entry point and key; see docs/media.md.
(function () {
  'use strict';
  var base = location.origin + location.pathname.replace(/\/widget\/.*$/, '');   // .../contact
  var socket = null, chat = null, lastSeq = 0;
  var $ = function (id) { return document.getElementById(id); };

  function show(m) {
    if (m.seq <= lastSeq) { return; }
    lastSeq = m.seq;
    var p = document.createElement('p');
    p.className = m.from;
    p.textContent = (m.from === 'AGENT' ? 'Agent: ' : m.from === 'CUSTOMER' ? '' : '') + m.text;   // text only, never HTML
    $('log').appendChild(p);
    $('log').scrollTop = $('log').scrollHeight;
  }

  function note(text) {
    var p = document.createElement('p');
    p.className = 'SYSTEM';
    p.textContent = text;
    $('log').appendChild(p);
  }

  function connect() {
    socket = new WebSocket(base.replace(/^http/, 'ws') + '/chat');
    socket.onopen = function () {
      socket.send(JSON.stringify({type: 'join', chatId: chat.chatId, token: chat.token, after: lastSeq}));
    };
    socket.onmessage = function (e) {
      var f = JSON.parse(e.data);
      if (f.type === 'message') { show(f); }
      else if (f.type === 'ended') { note('The chat has ended.'); chat = null; }
      else if (f.type === 'error') { note(f.message); }
    };
    socket.onclose = function () { if (chat) { setTimeout(connect, 2000); } };   // reconnect, catching up from lastSeq
  }

  $('start').onsubmit = function (e) {
    e.preventDefault();
    fetch(base + '/api/chats', {
      method: 'POST',
      headers: {'Content-Type': 'application/json', 'X-CCS-Key': $('key').value},
      body: JSON.stringify({entryPoint: $('entryPoint').value, name: $('name').value || null, email: $('email').value || null})
    }).then(function (r) {
      return r.json().then(function (body) { if (!r.ok) { throw new Error(body.message); } return body; });
    }).then(function (started) {
      chat = started;
      $('start').hidden = true;
      $('chat').hidden = false;
      $('text').maxLength = started.maxMessageChars;
      note('Please wait, an agent will be with you shortly.');
      connect();
    }).catch(function (err) { alert(err.message); });
  };

  $('say').onsubmit = function (e) {
    e.preventDefault();
    var text = $('text').value.trim();
    if (text && socket && socket.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({type: 'message', text: text}));
      $('text').value = '';
    }
  };

  $('end').onclick = function () {
    if (socket && chat) { socket.send(JSON.stringify({type: 'end'})); }
  };
}());
