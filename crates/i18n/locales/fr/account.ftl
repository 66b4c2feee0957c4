# La page du compte de l'animateur et l'étape du code à la connexion.

account-link = Votre compte et vos sessions
account-title = Votre compte
account-back = Retour à vos ateliers

account-sessions-heading = Où vous êtes connecté
account-sessions-lead = Chaque navigateur connecté à votre compte. Déconnectez ceux que vous ne reconnaissez pas, ou que vous n’utilisez plus.
account-session-browser = Navigateur
account-session-began = Connexion
account-session-last-used = Dernière utilisation
account-session-this = (ce navigateur)
account-session-unknown-browser = Navigateur inconnu
account-session-end = Déconnecter
account-sessions-end-others = Déconnecter partout ailleurs
account-session-ended = Cette session est déconnectée.
account-sessions-others-ended = Toutes les autres sessions sont déconnectées.

account-password-heading = Changer de mot de passe
account-password-current = Mot de passe actuel
account-password-new = Nouveau mot de passe
account-password-hint = Entre 8 et 128 caractères. Toutes les autres sessions sont déconnectées ; les jetons d’API restent valables.
account-password-button = Changer le mot de passe
account-password-changed = Votre mot de passe est changé, et toutes les autres sessions sont déconnectées.
account-password-wrong = Le mot de passe actuel est erroné.

account-totp-heading = Connexion en deux étapes
account-totp-off = Désactivée : la connexion ne demande que votre mot de passe.
account-totp-on = Activée : la connexion demande aussi un code de votre application d’authentification. Codes de secours restants : { $count }.
account-totp-scan = Pour l’activer, scannez ce QR code avec une application d’authentification (ou tapez-y la clé ci-dessous), puis tapez le code à six chiffres qu’elle affiche.
account-totp-qr-label = QR code pour votre application d’authentification
account-totp-key = Clé :
account-totp-code = Code de l’application
account-totp-enable = Activer la connexion en deux étapes
account-totp-enabled = La connexion en deux étapes est activée. Gardez ces codes de secours en lieu sûr : chacun permet de se connecter une fois sans votre téléphone. Ils ne sont affichés que maintenant.
account-recovery-heading = Vos codes de secours
account-totp-disable-lead = Pour la désactiver, confirmez avec votre mot de passe et un code actuel.
account-totp-disable = Désactiver la connexion en deux étapes
account-totp-disabled = La connexion en deux étapes est désactivée.
account-totp-wrong-code = Ce code n’est pas le bon. Tapez le code que l’application affiche maintenant ; si l’erreur persiste, vérifiez que l’heure de votre téléphone est réglée automatiquement.
account-totp-reused = Ce code a déjà servi. Attendez que l’application affiche le suivant.

signin-code-title = Code de connexion
signin-code-lead = Tapez le code à six chiffres de votre application d’authentification, ou l’un de vos codes de secours.
signin-code-label = Code
signin-code-button = Se connecter
signin-code-restart = Recommencer
signin-code-wrong = Ce code n’est pas le bon. Tapez le code que l’application affiche maintenant, ou un code de secours.
signin-code-expired = Cette connexion a expiré. Reconnectez-vous avec votre mot de passe.
