function popup() { var a = []; for (var i = 0; i < 1e6; i++) { a.push('item ' + i + ' of a growing list'); } return {}; }
