@echo off
echo %CLI% %POPUPINFO_1%
if "%SERVICE%" == "servizio_1" (echo %CLI%)
