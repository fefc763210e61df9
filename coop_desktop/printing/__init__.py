"""Printing without Qt: what a printer offers (paper sizes and the margins it cannot print
on), the rules that choose the paper and the layout for each document, placing the pages
inside the printable area, and the CUPS print service. The window and `coop print
--printer` both go through here; the window adds Qt's print path for Windows."""
