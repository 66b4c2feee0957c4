# Le rapport en PDF : ce que voit l’animateur quand la mise en page échoue.

report-pdf-timeout = Le PDF n’a pas pu être mis en page à temps : le serveur est très occupé. Réessayez dans une minute, ou ouvrez le rapport en page web et imprimez-le.
report-pdf-failed = Le PDF n’a pas pu être mis en page. Le rapport en page web et les tableaux CSV restent disponibles depuis la console.
