"""Assemble sendvault/names/*.txt, the name lists the redaction engine ships (run once, by hand).

Sources, all public facts:
- the US Census Bureau's 1990 name frequency tables (dist.female.first,
  dist.male.first, dist.all.last; a work of the US government, public domain),
  as packaged on PyPI in ``names`` 0.3.0: the most frequent entries only;
- names common in England and Wales that those tables under-represent (South
  Asian, Polish, Irish, Welsh, West African, Arabic, Turkish and newer baby names),
  written here from the ONS's published lists of most frequent baby names and
  surnames (facts, not copied files).

Usage:  python tests/data/make_name_lists.py DIR_OF_NAMES_PACKAGE
Nothing is downloaded at run time: the lists are committed in the package.
"""

import sys
from pathlib import Path

UK_FIRST = """
Aadhya Aaliyah Aarav Aarush Abdul Abdullah Abigail Ada Adam Aditya Adeola Adriana Agnieszka Ahmad Ahmed
Aiden Aila Aisha Aishah Alannah Alesha Alfie Ali Alicja Aliyah Alys Amara Amelia Amelie Amir Amira Anaya
Aneurin Aniela Anika Anisa Archie Arjun Arlo Arthur Aryan Asha Ayaan Ayesha Aylin Bartosz Bethan Blessing
Bronwen Caitlin Callum Cerys Chidi Chiamaka Chinedu Ciara Cillian Ciaran Connor Dafydd Darcie Darcey Declan
Deepak Dylan Efe Eilidh Eimear Elif Ellie Elsie Emeka Emre Eniola Esme Evie Ewan Farah Fatima Fatma Finlay
Finley Folake Freddie Freya Funmilayo Gethin Grzegorz Gurpreet Hamza Hania Harjit Harley Harpreet Harrison
Harvey Hassan Hollie Huw Hussain Ibrahim Idris Ifeoma Ifan Imran Inaya Iolo Isla Ismail Iwan Jakub Jasmin
Jaspreet Jayden Kacper Kamil Kayden Keira Kian Kiran Krzysztof Kwame Kyle Laila Layla Leighton Lewis Lilly
Lottie Lowri Lukasz Maciej Mahnoor Maisie Maja Malak Maryam Mateusz Megan Mehmet Michal Mia Millie Mohammed
Mohammad Muhammad Mustafa Nadia Naomi Niamh Nikhil Nneka Noah Nuala Obinna Ola Olamide Oliwia Oluwaseun
Oisin Oran Orla Ossian Owain Parveen Pawel Phoebe Piotr Poppy Priya Rahul Rajesh Rania Rashid Rehan Reuben
Rhian Rhys Riley Rohan Roisin Rosie Rukhsana Rupinder Saanvi Sadia Saira Sakina Samira Sandeep Sanjay
Saoirse Seren Shabnam Shanice Shauna Siobhan Sioned Sofia Sophie Sunita Szymon Tadhg Taiwo Tahmina Tariq
Tegan Tomasz Tobias Tomos Tunde Usman Uzma Veronika Vikram Wiktoria Wojciech Yasmin Yusuf Zahra Zain Zainab
Zara Zofia Zuzanna Zoe Zoë Chloe Jodie Kayleigh Leanne Kerry Stacey Gemma Danielle Aled Eleri Ffion Nia
Gareth Fiona Aleksandra Rhodri Gwen Alun Glyn Iain Alastair Hamish Morag Kirsty Lindsay Nicola Joanne Siân
Sian Ceri Catrin Angharad Carys Hywel Emrys Geraint Meirion Padraig Seamus Aoife Sinead Grainne Deirdre Eamon
Ruaridh Fraser Lachlan Mhairi Ailsa Isobel Gillian Alison Shona Elspeth Euan Murdo Torquil Keeley Kelsey
Jolene Shannon Bethany Chantelle Jade Leah Lauren Demi Kieran Liam Jamie Ryan Craig Darren Wayne Dean Lee
Jason Scott Stuart Neil Graham Nigel Trevor Clive Colin Derek Barry Keith Malcolm Gordon Alistair Duncan
Rupert Giles Jeremy Piers Hugh Crispin Tristan Felicity Philippa Penelope Imogen Araminta Harriet Tamsin
Oscar Theo Teddy Ronnie Reggie Hugo Jude Rory Stanley Albie Otis Alfred Ezra Ivy Willow Florence Isabelle
""".split()

UK_SURNAMES = """
Patel Khan Ahmed Ali Hussain Begum Shah Akhtar Iqbal Rahman Hassan Malik Chaudhry Siddiqui Mahmood Sharma
Singh Kaur Gill Sandhu Sidhu Dhillon Bains Kumar Mistry Chauhan Parmar Joshi Desai Mehta Thakkar
Islam Uddin Miah Chowdhury Hossain Choudhury Nowak Kowalski Kowalska Wisniewski Wojcik Kaminski Lewandowski
Zielinski Szymanski Dabrowski Kozlowski Jankowski Mazur Kwiatkowski Krawczyk Piotrowski Grabowski Pawlak
Okafor Okonkwo Adeyemi Adebayo Oluwole Okoro Nwosu Eze Obi Mensah Owusu Boateng Asante Osei Appiah Bello
Ogunleye Afolabi Balogun Abiodun Olaniyan Yilmaz Demir Kaya Celik Sahin Ozturk Aydin Arslan Dogan
Murphy Kelly Byrne Ryan Walsh Doyle McCarthy Gallagher Doherty Kennedy Lynch Murray Quinn Moore McLaughlin
O'Brien O'Connor O'Neill O'Sullivan Brennan Fitzgerald Kavanagh Maguire McGrath Nolan Regan
Jones Davies Evans Thomas Roberts Hughes Lewis Griffiths Edwards Owen Jenkins Morgan Rees Llewellyn
Pritchard Powell Vaughan Parry Prosser Bevan Pugh Howells Lloyd Williams Rowlands Probert Gwynne
MacDonald Campbell Stewart Robertson Fraser Mackenzie Mackay MacLeod Henderson Paterson Ferguson Sutherland
Nguyen Tran Chen Wang Li Zhang Liu Wong Cheung Lam Yeung Kim Costa Silva Santos Ferreira Pereira
Popescu Ionescu Popa Petrov Ivanov Horvat Novak Dvorak Svoboda
Ashworth Butterworth Greenhalgh Hargreaves Holroyd Ackroyd Sowerby Pickles Crabtree Lumb
""".split()

# Words that are names but more often ordinary words: the engine takes them for a
# name only beside another name or after a title (or, for a case's own people,
# only when capitalised). Surnames among them are left out of the surname list.
COMMON = """
a able about above after again ale all also am an and angel any april are art as at august autumn baker
ball bank banks barn bay be beach bell berry best bill bird birch black blue bob bond brand bright brook
brooks brown bush but by call can carter case chance chase cherry child church clay close cook cooper
cross crystal dale dawn day dean deal do down drew early east england fair faith field fields fish
fisher ford forest fox frank free friend gay gene gift glass gold golden good grace grant gray green grey
grove guy hall hand hard hart hay head heart hill hills holly home honey hope house hunt hunter ivy jack
jewel joy june just king lake land lane law lee little long lord love low major man mark marsh mason
matt may mercy miles mill miller mills moon moor moss new nice north oak page park parks pat peace
pearl penny pierce pike pine pool poppy porter post power price prince rain ray read reed rich ridge
river robin rock rose ruby rush sage saint say school shaw short sky small snow south sparks spring
stand star steel stone storm street strong summer sun sweet swift thing top town tree trust wade walker
ward warren water waters way weaver well wells west white will wind winter wise wood woods young
ash bud cam cat dot fin gem herb kit mat pen win
amber daisy dusty hazel heather iris jasmine lily olive violet willow taylor
sue sunny rusty buddy chip ivory marvel hero noble story victory blessing precious destiny
harmony melody liberty justice unique royal sterling bishop parish judge mayor
call care is in it no so to we he me my if of on or up us go
monday tuesday wednesday thursday friday saturday sunday january february march october november december
christian english french irish welsh scott jordan florence chester lincoln kent devon cornwall york
""".split()


def top(path: Path, n: int) -> list[str]:
    names = [line.split()[0].capitalize() for line in path.read_text().splitlines() if line.strip()]
    return names[:n]


def main(src: str) -> None:
    src_dir = Path(src)
    out = Path(__file__).resolve().parents[2] / "sendvault" / "names"
    common = {w.lower() for w in COMMON}
    first = sorted(set(top(src_dir / "dist.female.first", 1200) + top(src_dir / "dist.male.first", 700) + UK_FIRST))
    surnames = sorted({s for s in top(src_dir / "dist.all.last", 2500) + UK_SURNAMES if s.lower() not in common})
    head = ("# {what}, one a line. Public facts: the most frequent entries of the US Census Bureau's\n"
            "# 1990 name tables (public domain) and names common in England and Wales from the ONS's\n"
            "# published lists. Assembled by tests/data/make_name_lists.py; nothing is downloaded at run time.\n")
    (out / "first_names.txt").write_text(head.format(what="First names") + "\n".join(first) + "\n")
    (out / "surnames.txt").write_text(head.format(what="Surnames (without those that are common words)")
                                      + "\n".join(surnames) + "\n")
    (out / "common_words.txt").write_text(
        "# Names that are also common English words: taken for a name only beside another name,\n"
        "# after a title, or (for a case's own people) when capitalised. Written by hand.\n"
        + "\n".join(sorted(common)) + "\n")
    print(len(first), "first names;", len(surnames), "surnames;", len(common), "common words")


if __name__ == "__main__":
    main(sys.argv[1])
