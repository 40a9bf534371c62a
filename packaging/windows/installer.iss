; Inno Setup 6 script: the Windows installer around the app folder dist\llm-cost-planner\.
;
; Built by .github/workflows/release.yml on a Windows runner after PyInstaller:
;   iscc /DAppVersion=0.1.0 packaging\windows\installer.iss
; which writes dist\LLM-Cost-Planner-<version>-windows-setup.exe. Not run yet: the
; project's own machine is Linux and cannot build Windows programs.
;
; It installs for the current user by default (office PCs often have no administrator
; rights), adds Start-menu entries (one that starts in Polish), opens .llmplan files with a
; double-click, and asks in English, Polish or Ukrainian.

#define AppName "LLM Cost Planner"
#define AppExe "llm-cost-planner.exe"
#ifndef AppVersion
  #define AppVersion "0.1.0"
#endif

[Setup]
AppId={{5B0E7C52-3D1A-4C8E-9F61-2A7D4E1B9C30}
AppName={#AppName}
AppVersion={#AppVersion}
AppPublisher={#AppName}
DefaultDirName={autopf}\{#AppName}
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\..\dist
OutputBaseFilename=LLM-Cost-Planner-{#AppVersion}-windows-setup
SetupIconFile=..\..\assets\icons\llm-cost-planner.ico
UninstallDisplayIcon={app}\{#AppExe}
ChangesAssociations=yes
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=auto

[Languages]
Name: "en"; MessagesFile: "compiler:Default.isl"
Name: "pl"; MessagesFile: "compiler:Languages\Polish.isl"
Name: "uk"; MessagesFile: "compiler:Languages\Ukrainian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"

[Files]
Source: "..\..\dist\llm-cost-planner\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\{#AppName}"; Filename: "{app}\{#AppExe}"
Name: "{group}\{#AppName} po polsku"; Filename: "{app}\{#AppExe}"; Parameters: "--lang pl"
Name: "{group}\{cm:UninstallProgram,{#AppName}}"; Filename: "{uninstallexe}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Registry]
; A double-click on a plan file opens it in the app (main.py opens a .llmplan argument).
Root: HKA; Subkey: "Software\Classes\.llmplan"; ValueType: string; ValueName: ""; ValueData: "LLMCostPlanner.Plan"; Flags: uninsdeletevalue
Root: HKA; Subkey: "Software\Classes\LLMCostPlanner.Plan"; ValueType: string; ValueName: ""; ValueData: "{#AppName} plan"; Flags: uninsdeletekey
Root: HKA; Subkey: "Software\Classes\LLMCostPlanner.Plan\DefaultIcon"; ValueType: string; ValueName: ""; ValueData: "{app}\{#AppExe},0"
Root: HKA; Subkey: "Software\Classes\LLMCostPlanner.Plan\shell\open\command"; ValueType: string; ValueName: ""; ValueData: """{app}\{#AppExe}"" ""%1"""

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
