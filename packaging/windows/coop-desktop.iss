; Coop Desktop for Windows: the installer of the frozen folder (Inno Setup 6).
; Built by `python scripts/package.py --installer`, which passes AppVersion and SourceDir;
; by hand: ISCC /DAppVersion=0.1.0 /DSourceDir=..\..\dist\CoopDesktop coop-desktop.iss
;
; - Installs for the current user only, without administrator rights, in
;   %LOCALAPPDATA%\Programs\Coop Desktop.
; - Start-menu and desktop shortcuts to coop-desktop.exe.
; - Needs Windows 10 version 1809 (build 17763) or later, 64-bit: Qt 6's minimum.
; - The data (%LOCALAPPDATA%\CoopDesktop: coop.db, backups\, the log) and the settings
;   (%APPDATA%\CoopDesktop) are not in the program folder: neither an upgrade nor an
;   uninstall touches them. The first start of a newer version migrates the database after
;   copying it to backups\.

#ifndef AppVersion
  #define AppVersion "0.0.0"
#endif
#ifndef SourceDir
  #define SourceDir "..\..\dist\CoopDesktop"
#endif

[Setup]
; The same AppId in every version: a newer installer upgrades the installed one in place.
AppId={{F8EEB4E9-A19F-4DBC-8228-CC4C7CB031DA}
AppName=Coop Desktop
AppVersion={#AppVersion}
AppVerName=Coop Desktop {#AppVersion}
AppPublisher=Coop Desktop
AppComments=Acopio, calidad y pagos para asociaciones de productores lecheros. Requiere Windows 10 (1809) o posterior, de 64 bits.
DefaultDirName={autopf}\Coop Desktop
DefaultGroupName=Coop Desktop
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0.17763
DisableWelcomePage=no
CloseApplications=yes
RestartApplications=no
UninstallDisplayIcon={app}\coop-desktop.exe
UninstallDisplayName=Coop Desktop
OutputBaseFilename=CoopDesktop-{#AppVersion}-setup
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
SetupLogging=yes

[Languages]
Name: "es"; MessagesFile: "compiler:Languages\Spanish.isl"
Name: "en"; MessagesFile: "compiler:Default.isl"

[Messages]
es.WelcomeLabel2=Se instalará [name/ver] para este usuario, sin permisos de administrador.%n%nRequiere Windows 10 versión 1809 o posterior, de 64 bits.%n%nLos datos de la asociación se guardan aparte y se conservan al actualizar o desinstalar.
en.WelcomeLabel2=This will install [name/ver] for this user, without administrator rights.%n%nRequires Windows 10 version 1809 or later, 64-bit.%n%nThe association's data is kept apart and stays when upgrading or uninstalling.
es.WinVersionTooLowError=Coop Desktop necesita Windows 10 versión 1809 o posterior, de 64 bits.
en.WinVersionTooLowError=Coop Desktop needs Windows 10 version 1809 or later, 64-bit.

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[InstallDelete]
; An upgrade replaces the program's libraries whole, so no file of the older version stays.
; (Only the program folder: the data folder is elsewhere.)
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#SourceDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\Coop Desktop"; Filename: "{app}\coop-desktop.exe"; WorkingDir: "{app}"
Name: "{autodesktop}\Coop Desktop"; Filename: "{app}\coop-desktop.exe"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\coop-desktop.exe"; Description: "{cm:LaunchProgram,Coop Desktop}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete]: uninstalling removes only the files installed above.
