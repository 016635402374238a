function a() {}
function b() {}
'done';
