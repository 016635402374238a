function popup() { return '{"onAnswer": "https://crm.example/json", "webClientOpenNewTab": false}'; }
