@echo off
setlocal EnableDelayedExpansion
if /i "!SERVICE!" == "OLDDESK" echo would open "https://mycrm.example/call.php?idcall=!IDCALL!&number=!CLI!"
